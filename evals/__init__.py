"""Evaluation of the agent and of the model decisions it relies on."""
