"""The chat view: lines, their model, the list view that paints them, and the pane around it."""
