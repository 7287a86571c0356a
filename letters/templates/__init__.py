"""The built-in letter templates (Jinja2) and the IRO's writing prompts (prompts.toml).

A package only so the files ship inside the wheel; `letters.render` reads them. Authorities
override any of them with files of the same name in `authority.template_dir`.
"""
