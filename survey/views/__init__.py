"""The web layer: one blueprint per audience. Only the app factory imports these modules."""
