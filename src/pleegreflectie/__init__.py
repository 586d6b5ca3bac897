"""pleegreflectie: reflect on the five pillars of foster parenthood and get a personal learning route."""

__version__ = "0.1.0"
