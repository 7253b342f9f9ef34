"""`make eval`: how well the assistant understands patients, side by side with baselines."""
