"""Domain code knows nothing of the screen, and cheap imports stay cheap."""

from __future__ import annotations

import subprocess
import sys

DOMAIN = [
    "letters.model",
    "letters.config",
    "letters.checks",
    "letters.textio",
    "letters.cli",
    "letters.store",
    "letters.workdays",
    "letters.interchange",
    "letters.render",
    "letters.export",
    "letters.audit",
    "letters.demo",
    "letters.limits",
    "letters.sandbox",
    "letters.docxtext",
]


def _modules_after_import(*names: str) -> set[str]:
    code = "import sys\n" + "".join(f"import {n}\n" for n in names) + "print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_domain_code_does_not_import_textual() -> None:
    loaded = _modules_after_import(*DOMAIN)
    assert not any(m == "textual" or m.startswith("textual.") for m in loaded)


def test_importing_the_engine_loads_no_nlp_until_used() -> None:
    loaded = _modules_after_import("letters.checks", "letters.cli")
    assert "spacy" not in loaded and "nltk" not in loaded and "textstat" not in loaded
