"""Clinic contact settings: ``knowledge/clinic.yml``, overridden by environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from actions.texts import text

DEFAULT_SETTINGS_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "clinic.yml"


@dataclass(frozen=True)
class ClinicSettings:
    """What the assistant tells patients about reaching the clinic."""

    name: str
    doctor: str
    offices: tuple[str, ...]
    scheduling_url: str
    phone: str

    def offices_text(self, language: str) -> str:
        """The offices joined for a sentence: "Humble, Texas and Baytown, Texas"."""
        return text("offices_joiner", language).join(self.offices)

    def reply_fields(self, language: str) -> dict[str, str]:
        """The ``{doctor}``, ``{scheduling_url}`` and ``{offices_text}`` of reply texts."""
        return {
            "doctor": self.doctor,
            "scheduling_url": self.scheduling_url,
            "offices_text": self.offices_text(language),
        }


@lru_cache(maxsize=1)
def load_settings() -> ClinicSettings:
    """Read the settings file (``CLINIC_SETTINGS_FILE`` may point elsewhere)."""
    path = Path(os.environ.get("CLINIC_SETTINGS_FILE", DEFAULT_SETTINGS_FILE))
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return ClinicSettings(
        name=raw["name"],
        doctor=raw["doctor"],
        offices=tuple(raw["offices"]),
        scheduling_url=os.environ.get("CLINIC_SCHEDULING_URL") or raw["scheduling_url"],
        phone=os.environ.get("CLINIC_PHONE", raw.get("phone") or ""),
    )
