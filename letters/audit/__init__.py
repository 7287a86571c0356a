"""The QA audit of outcome letters: rubric, samples, grades, evidence, monthly figures and exports.

Plain Python for the CLI (`letters audit`, `letters import`) and the app's audit screens alike; it
must not import Textual. Entry point for callers: `letters.audit.service.AuditService`.
"""
