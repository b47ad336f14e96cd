"""Build-speed machinery with no knowledge of articles: halves of a list read in a forked
child (background), files read ahead (ahead), garbage collection paused while building (idlegc)."""
