"""The desk's guidelines: the starter text a desk reads until a lead saves its own, Markdown rendered
safely (render.py), and the changes between two versions (changes.py). The versions themselves are
claims.models.GuidelineVersion."""

from __future__ import annotations

from pathlib import Path

# Content, not interface: the desk's codebook in the desk's language (German), so it is not translated.
STARTER = (Path(__file__).parent / "starter.md").read_text(encoding="utf-8")
STARTER_LANGUAGE = "de"
