"""The stage gate: stages and transitions, the gender-equality assessment and its review, the check-gates audit."""
