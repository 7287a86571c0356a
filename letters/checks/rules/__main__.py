"""`python -m letters.checks.rules` prints the README's table of rules, made from the registry."""

from letters.checks.rules import rules_table

print(rules_table())
