"""Feedback forms: responses matched to sessions, counted once (SPEC section 3 "Feedback")."""
