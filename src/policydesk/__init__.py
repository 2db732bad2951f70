"""policydesk: draft consultation responses from an organisation's agreed policy positions."""

__version__ = "0.1.0"
