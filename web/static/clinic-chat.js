/* Start the rasa-webchat widget with the clinic's settings (window.CLINIC_CHAT_SETTINGS). */
(function () {
  "use strict";
  var s = window.CLINIC_CHAT_SETTINGS;
  var c = s.colors;
  // The browser's first language picks the widget's texts and the greeting's language.
  var preferred = (navigator.languages && navigator.languages[0]) || navigator.language || "en";
  var lang = preferred.toLowerCase().indexOf("es") === 0 && s.texts.es ? "es" : "en";
  var t = s.texts[lang];
  document.documentElement.lang = lang;

  window.WebChat.default(
    {
      initPayload: '/greet{"language":"' + lang + '"}',
      socketUrl: s.assistant_url,
      socketPath: "/socket.io/",
      title: t.title,
      subtitle: t.subtitle,
      inputTextFieldHint: t.input_hint,
      openLauncherImage: s.launcher_image,
      mainColor: c.main,
      conversationBackgroundColor: c.conversation_background,
      userBackgroundColor: c.user_background,
      userTextColor: c.user_text,
      assistBackgoundColor: c.assistant_background,
      assistTextColor: c.assistant_text,
      hideWhenNotConnected: false,
      params: { storage: "local" },
      customMessageDelay: function () { return 0; },
    },
    document.getElementById("clinic-chat")
  );

  // Accessibility and safety touches the widget does not do itself:
  // label the input, and open every link in a new tab without an opener.
  new MutationObserver(function () {
    var input = document.querySelector(".rw-new-message");
    if (input && !input.getAttribute("aria-label")) {
      input.setAttribute("aria-label", t.input_label);
    }
    document.querySelectorAll(".rw-conversation-container a[href]").forEach(function (a) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    });
  }).observe(document.body, { childList: true, subtree: true });
})();
