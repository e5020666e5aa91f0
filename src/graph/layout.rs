//! Map positions: the ones the user saved by dragging, else a computed layout.
