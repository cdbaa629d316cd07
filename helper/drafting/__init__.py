"""Channel-aware drafts: messages, pitches and questions worth asking, within each channel's
limits. Pure: plain dataclasses in and out, templates from templates/messages/."""

from helper.drafting.aims import suggest_aim
from helper.drafting.channels import CHANNEL_RULES, Channel, Counting, best_channel, channel_for
from helper.drafting.compose import Draft, compose_draft
from helper.drafting.context import SharedContext
from helper.drafting.questions import questions_for
from helper.drafting.warm_intro import IntroRequest, compose_intro_request

__all__ = [
    "CHANNEL_RULES",
    "Channel",
    "Counting",
    "Draft",
    "IntroRequest",
    "SharedContext",
    "best_channel",
    "channel_for",
    "compose_draft",
    "compose_intro_request",
    "questions_for",
    "suggest_aim",
]
