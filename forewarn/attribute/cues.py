"""Cue words for attribution and modality: speech verbs, channels, hedges, negation.

Kept as module-level frozensets so they are easy to read, test and extend; lemmas are
lower-case spaCy lemmas. They are small closed lists of English function words, not
knowledge about actors, so they live next to the code that uses them.
"""
from __future__ import annotations

# Verbs that introduce reported speech (direct or indirect): "X said (that) ...".
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "warn", "state", "announce", "declare", "claim", "insist",
    "stress", "note", "write", "report", "suggest", "argue", "explain", "assert", "allege",
    "deny", "confirm", "acknowledge", "admit", "reiterate", "emphasize", "emphasise",
    "predict", "assess", "estimate", "conclude", "caution", "recall", "reply", "respond",
    "comment", "remark", "observe", "tweet", "reassure", "indicate", "maintain", "contend",
    "complain", "vow", "pledge", "promise", "affirm", "repeat",
    "underline", "underscore", "mention", "inform", "testify", "assure",
})

# Verbs that only attribute a direct quote ("“Why?” he asked"), never an indirect one:
# "they ask us not to send troops" is an appeal, not reported speech.
DIRECT_ONLY_VERBS = frozenset({
    "ask", "continue", "shout", "joke", "quip", "exclaim", "wonder", "urge", "accuse", "charge",
    "chant", "scream", "yell",
})

# Verbs that name something in someone's words: "called the ruling “bold”", "described it as
# “basically kidnapping”". A quoted fragment under them is a partial quote of the subject.
NAMING_VERBS = frozenset({"call", "describe", "label", "dub", "brand", "term"})

# Verbs that report a directive to an addressee: "urged residents to conserve water". Their
# to-infinitive is what the speaker asked for, reported like a complement clause. "ask",
# "encourage" and "warn" are left out: "asked him to climb in", "encourages schools to
# offer milk" are requests or incentives more often than reported statements.
DIRECTIVE_VERBS = frozenset({"urge", "advise", "remind", "tell", "instruct"})

# Verbs whose subject reports an assessment: "..., analysts say", "TASS reported".
REPORT_VERBS = SPEECH_VERBS | frozenset({"believe", "think", "find", "reckon", "judge"})

# Verbs that carry a channel but no content: "posting on Telegram", "speaking at a rally".
CHANNEL_VERBS = frozenset({"post", "write", "speak", "appear", "tweet", "talk", "comment"})

# Recipients of "tell" that are an audience, not a named outlet ("told reporters").
GENERIC_AUDIENCES = frozenset({
    "reporter", "journalist", "press", "medium", "media", "lawmaker", "parliament",
    "audience", "crowd", "supporter", "student", "official", "diplomat", "correspondent",
    "conference", "briefing", "news conference", "press conference",
})

# Nouns that name the form of a statement: "in a statement", "in an interview with X".
CHANNEL_NOUNS = frozenset({
    "statement", "interview", "post", "video", "address", "speech", "tweet", "message",
    "letter", "article", "op-ed", "broadcast", "comment", "remark", "briefing", "conference",
    "release", "communique", "communiqué", "declaration", "appearance", "podcast", "blog",
    "column", "email", "e-mail", "call", "meeting", "session", "hearing", "update", "report",
    "bulletin", "thread", "newsletter",
})

# Places a statement is made: "at a news conference", "at the summit".
VENUE_NOUNS = frozenset({
    "conference", "briefing", "rally", "summit", "meeting", "forum", "session", "hearing",
    "ceremony", "event", "gathering", "parliament", "assembly",
})

# "said on X": X is a platform or broadcaster when it is a proper noun or one of these.
PLATFORM_NOUNS = frozenset({
    "television", "tv", "radio", "telegram", "twitter", "facebook", "instagram", "youtube",
    "website", "channel", "account", "platform", "air", "broadcaster", "network",
})

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
ALL_PRONOUNS = PERSON_PRONOUNS | frozenset({"they", "we", "i", "you", "it", "them", "us", "me"})

# --- modality -----------------------------------------------------------------------

# Verbs that negate their complement: "denied attacking", "refused to attend".
NEGATING_VERBS = frozenset({"deny", "refuse", "fail", "reject", "rule", "decline", "avoid"})
# Nouns that negate what hangs from them: "the absence of any aggressive intentions".
NEGATING_NOUNS = frozenset({"absence", "lack", "denial"})
NEGATING_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})

CONDITIONAL_MARKS = frozenset({"if", "unless", "provided", "lest"})
# "if"/"whether" heading a complement clause is uncertainty, not a condition.
WHETHER_MARKS = frozenset({"if", "whether"})
CONDITIONAL_MODALS = frozenset({"would", "could", "might", "should"})

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})   # "wo" is spaCy's token for won't
# Verbs whose xcomp is a future intention: "plans to", "is going to", "threatened to".
FUTURE_VERBS = frozenset({
    "plan", "intend", "go", "set", "threaten", "prepare", "aim", "vow", "pledge", "promise",
    "expect", "schedule", "mean", "hope", "seek", "want", "propose", "offer", "agree",
    "decide", "resolve", "announce",
    # "is due to meet", "is slated to visit", "is poised to sign"
    "due", "slate", "slated", "poise", "poised",
})

HEDGE_ADVERBS = frozenset({
    "likely", "possibly", "reportedly", "allegedly", "apparently", "probably", "perhaps",
    "maybe", "presumably", "purportedly", "seemingly", "supposedly", "potentially",
    "ostensibly", "unlikely",
})
HEDGE_MODALS = frozenset({"may", "might", "could"})
# Raising verbs: "appears to", "seems to"; passive reporting: "is said to", "is believed to".
HEDGE_RAISING_VERBS = frozenset({"appear", "seem"})
HEDGE_PASSIVE_VERBS = frozenset({
    "say", "believe", "think", "report", "understand", "rumor", "rumour", "allege", "suspect",
    "expect", "claim",
})
HEDGE_ADJECTIVES = frozenset({
    "alleged", "suspected", "reported", "apparent", "possible", "likely", "probable",
    "purported", "unconfirmed", "presumed", "unverified",
})
# Governing predicates of uncertainty: "it was not immediately clear if ...".
UNCERTAIN_PREDICATES = frozenset({"unclear", "uncertain", "unknown", "unconfirmed", "unverified"})
CERTAIN_PREDICATES = frozenset({"clear", "known", "certain", "confirmed", "verified"})
HEDGE_PHRASES = (
    "not immediately clear", "could not be independently verified",
    "could not immediately be verified", "could not be verified", "was not clear",
    "is not clear", "remains unclear", "unconfirmed reports",
)
