"""The method's strategy, from goals to whom and when: matching people to goals (relevance and
the relationship context), progress against each horizon's target, keep-in-touch cadences and
the follow-up plan after an event. Pure: the core's dataclasses in and out.

The package itself imports nothing, so that a command needing one piece (the chase date of a
mail import) does not load the matching and its stemmer: import from the modules."""
