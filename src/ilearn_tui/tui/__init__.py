"""The full-screen interface (Textual). Only this package imports Textual."""
