"""Command line and chat backend for the delayed-package agent."""
