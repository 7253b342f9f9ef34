from rasa_sdk.executor import ActionExecutor


def test_the_action_server_registers_every_clinic_action_and_only_those():
    executor = ActionExecutor()
    executor.register_package("actions")
    clinic = {name for name in executor.actions if name.startswith("action_")}
    assert clinic == {
        "action_answer_question",
        "action_defer_topic",
        "action_book_visit",
        "action_contact_staff",
        "action_handle_yes_no",
        "action_default_fallback",
        "action_restart",
    }
