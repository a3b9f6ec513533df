"""The cues of clause analysis as data (read by :mod:`kg.extract.clause`): adding a cue is a row here.

Modalities: ``asserted``, ``denied``, ``negated``, ``unconfirmed``, ``assessment``, ``planned``,
``hypothetical``, ``question``, ``idiom``, ``state``, ``furniture`` (a page's link or heading line).
"""

from __future__ import annotations

# Auxiliaries of the trigger's clause (lemma or lower form) -> modality.
MODAL_AUX: dict[str, str] = {
    "could": "hypothetical", "might": "hypothetical", "may": "hypothetical", "would": "hypothetical",
    "should": "hypothetical", "must": "hypothetical", "can": "hypothetical", "ca": "hypothetical",
    "will": "planned", "shall": "planned", "'ll": "planned", "wo": "planned",
}

# Subordinating words (``mark`` of the clause) -> modality.
MARKERS: dict[str, str] = {"if": "hypothetical", "unless": "hypothetical", "whether": "question",
                           "lest": "hypothetical", "once": "hypothetical"}

# Words that govern the trigger's clause or noun (through xcomp, ccomp, dobj, acl, "of"/"to" objects...)
# -> modality of what they govern. Reporting verbs are not here: they give an attribution, not a modality.
GOVERNORS: dict[str, str] = {}
for _modality, _words in {
    "planned": "aim plan intend seek try attempt want hope prepare threaten vow pledge promise bid goal objective "
               "intention ambition order decide agree propose offer urge demand ask call need plot mean "
               "attempted planned intended proposed schedule scheduled upcoming future prospective push ready "
               "expected set poised preparation",
    "hypothetical": "risk fear avoid prevent able unable could possibility possible threat danger chance scenario "
                    "imagine suppose potential potentially capable capability option allow enable permit "
                    "impossible hard difficult easy prospect",
    "assessment": "assess assessment believe think expect predict forecast anticipate likely unlikely probable "
                  "consider judge argue speculate guess suspect",
    "question": "ask wonder question inquire unclear uncertain unknown",
    "negated": "fail refuse unsuccessful",
    "denied": "deny reject refute dismiss downplay dispute debunk",
    "unconfirmed": "appear seem suggest",
}.items():
    for _word in _words.split():
        GOVERNORS.setdefault(_word, _modality)

# Governors that count only over these dependencies ("agreed to withdraw" is a plan, "agreed a truce" is not).
GOVERNOR_DEPS: dict[str, set[str]] = {
    "agree": {"xcomp"}, "set": {"xcomp"}, "push": {"xcomp"}, "ready": {"xcomp"}, "mean": {"xcomp"},
    "call": {"xcomp", "pobj", "pcomp"}, "need": {"xcomp"}, "able": {"xcomp"}, "hard": {"xcomp"},
    "difficult": {"xcomp"}, "easy": {"xcomp"}, "order": {"dobj", "pobj"}, "ask": {"xcomp", "ccomp"},
}

# Modifiers of a nominal trigger -> modality ("planned offensive", "alleged strike", "possible attack").
MODIFIERS: dict[str, str] = {
    "alleged": "unconfirmed", "purported": "unconfirmed", "reported": "unconfirmed", "rumored": "unconfirmed",
    "rumoured": "unconfirmed", "unconfirmed": "unconfirmed", "possible": "hypothetical",
    "potential": "hypothetical", "hypothetical": "hypothetical", "planned": "planned", "future": "planned",
    "upcoming": "planned", "expected": "planned", "imminent": "planned", "prospective": "planned",
    "proposed": "planned", "intended": "planned", "attempted": "planned", "likely": "assessment",
    "anticipated": "planned", "feared": "hypothetical", "threatened": "planned", "next": "planned",
}

# A purpose clause is a plan ("massed troops to storm X"), except under a completed trip, which tells what was
# done there ("travelled to Kyiv to meet the president").
TRIPS = {"travel", "go", "come", "arrive", "fly", "visit", "head", "return", "journey", "stop", "sit"}

# Verbs that bring about the happening their object names ("could launch an offensive"): a plan or hypothesis
# over them is the happening's. Over any other verb the object is taken as existing ("may reject the proposal").
CREATING = {"launch", "start", "begin", "mount", "conduct", "carry", "hold", "stage", "make", "open", "resume",
            "continue", "undertake", "wage", "intensify", "renew", "unleash", "initiate", "organize", "organise",
            "arrange", "host", "have", "conclude", "sign", "reach", "seal", "strike", "order", "announce", "pay",
            "deliver", "commit", "perpetrate", "attempt", "plan", "prepare", "do", "suffer", "take", "inflict", "see",
            "secure", "achieve", "agree", "establish", "broker", "negotiate", "win", "bring", "restore", "impose",
            "declare", "produce", "get", "force", "reinstate"}

# Adverbs on the trigger's clause -> modality.
ADVERBS: dict[str, str] = {
    "reportedly": "unconfirmed", "allegedly": "unconfirmed", "purportedly": "unconfirmed",
    "apparently": "unconfirmed", "supposedly": "unconfirmed", "ostensibly": "unconfirmed",
    "likely": "assessment", "probably": "assessment", "possibly": "assessment", "presumably": "assessment",
    "perhaps": "hypothetical", "maybe": "hypothetical",
}

# Verbs of saying: their subject (or an "according to" object) is who says the clause they govern.
REPORTING = {"say", "report", "claim", "state", "announce", "confirm", "inform", "tell", "assert", "allege", "write",
             "post", "add", "note", "declare", "stress", "insist", "acknowledge", "admit", "explain", "publish",
             "quote", "cite", "show", "indicate", "suggest", "describe", "tweet", "brief", "warn", "assess",
             "believe", "think", "estimate", "argue", "accuse", "deny", "reject", "refute", "dismiss", "dispute",
             "analyze", "analyse", "verify", "geolocate", "obtain", "film"}
QUOTES = {'"', "“", "”", "«", "»"}
# Reporting verbs that leave the clause unconfirmed whatever the source ("X alleged that ...").
UNCONFIRMING = {"allege", "rumor", "rumour", "speculate", "purport"}
# A reporting verb under a negation leaves the clause unconfirmed ("could not confirm that ...").
NEGATED_REPORTING_MODALITY = "unconfirmed"
# Prepositional attributions: "according to X", "citing X", "per X".
ATTRIBUTION_PREPS = {"according", "citing", "per"}

# Heads of a speaker phrase that names no one: the words kept as what the text calls the source, and whether
# such a source leaves the claim unconfirmed (True) or is an official voice of its side (False).
SOURCE_NOUNS: dict[str, bool] = {
    "source": True, "blogger": True, "milblogger": True, "channel": True, "report": True, "rumor": True,
    "rumour": True, "witness": True, "eyewitness": True, "resident": True, "user": True, "account": True,
    "media": True, "outlet": True, "insider": True, "observer": True, "correspondent": True, "journalist": True,
    "commentator": True, "activist": True, "volunteer": True, "claim": True, "post": True,
    "official": False, "authority": False, "ministry": False, "spokesperson": False, "spokesman": False,
    "spokeswoman": False, "military": False, "command": False, "government": False, "governor": False,
    "mayor": False, "commander": False, "staff": False, "administration": False, "office": False,
    "agency": False, "service": False, "force": False, "army": False, "analyst": False, "expert": False,
    "minister": False, "president": False, "leader": False, "officer": False, "representative": False,
    "assessment": False, "statement": False, "update": False, "briefing": False, "bulletin": False,
    "communique": False, "readout": False, "summary": False, "directorate": False, "intelligence": False,
}

# Triggers whose participle or present tense names a state, not a change: the uses that are states.
# amod: "occupied X", "Russian-held X"; acl: "X, occupied since 2014"; present: "Russia controls X";
# finite: every finite use; vbg: "the area surrounding X"; since: a "since" phrase on the clause; negated: "no
# longer occupied X" (the end of a state, not a denied capture).
STATES: dict[str, set[str]] = {
    "occupy": {"amod", "acl", "present", "since", "compound", "negated"},
    "control": {"amod", "acl", "present", "finite", "since", "compound", "negated"},
    "hold": {"amod", "acl", "present", "finite", "since", "compound", "negated"},
    "annex": {"amod", "acl", "present", "since", "compound"},
    "surround": {"vbg"}, "capture": {"amod"}, "seize": {"amod"}, "liberate": {"amod"}, "recapture": {"amod"},
    "retake": {"amod"}, "siege": {"since"},
}
# State nouns: the noun is a change only as the object of one of these verbs ("took control", "came under
# control"); anywhere else ("under Russian control", "retained control") it is a state.
STATE_NOUNS: dict[str, set[str]] = {
    "control": {"take", "gain", "seize", "establish", "assume", "regain", "come", "fall", "pass", "bring", "put",
                "wrest", "capture", "secure", "restore", "retake", "win"},
    "occupation": {"begin", "start"},
}
# Words that stand for a named place in "the city was under Russian control": a state, but when a reporting verb
# tells it of a named place or of "the city", it is news of a change of hands.
PLACE_NOUNS = {"city", "town", "village", "settlement", "airport", "base", "port", "plant"}

# Idioms: (trigger lemma, where, words). where: "pos" (the trigger's part of speech), "child:DEP" (a child
# with that dependency and one of the words as lemma), "head" (the trigger's head lemma), "compound" (a
# compound or amod child).
IDIOMS: list[tuple[str, str, set[str]]] = [
    ("trap", "pos", {"NOUN"}),  # "fall into the trap", "a booby trap": never an encirclement
    ("visit", "child:prep", {"upon"}),  # "visit cruelties upon them"
    ("meet", "child:dobj", {"demand", "need", "target", "goal", "requirement", "deadline", "criterion",
                            "standard", "expectation", "obligation", "commitment", "end", "fate", "challenge"}),
    ("take", "child:dobj", {"step", "part", "place", "measure", "action", "time", "note", "advantage", "look",
                            "toll", "shape", "effect", "office", "power", "charge", "responsibility"}),
    ("strike", "child:dobj", {"deal", "balance", "tone", "chord", "note", "agreement", "bargain"}),
    ("battle", "compound", {"legal", "court", "political", "uphill", "election", "custody"}),
    ("fight", "compound", {"legal", "political"}),
    ("attack", "compound", {"heart", "panic", "cyber", "verbal", "personal", "political"}),
    ("push", "child:prep", {"for"}), ("press", "child:prep", {"for"}),
    ("fire", "head", {"cease", "draw", "catch"}),
    ("fall", "child:*", {"short", "behind", "apart", "silent", "ill", "asleep", "victim", "prey"}),
    ("target", "child:dobj", {"audience", "market", "voter", "consumer"}),
    ("call", "child:prep", {"into"}),
]

# A heading, menu or related-link line: no finite verb, most words capitalized, no closing punctuation; lines
# within the first HEAD_LINES of the text (the title) are never furniture.
HEAD_LINES = 2
# A line that opens with a date and a colon is a dated list entry (a fact sheet's log of calls), not a link.
LIST_ENTRY = r"^[\W\d]*(January|February|March|April|May|June|July|August|September|October|November|December|" \
             r"\d{1,2}[./]\d{1,2})\b[^:]{0,20}:"
TITLE_CASE_SHARE = 0.6

# Event types that one clause may name twice for one happening ("attacked the town, battling its defenders").
SAME_HAPPENING: dict[str, set[str]] = {"Attack": {"Clash", "Offensive"}, "Clash": {"Attack", "Offensive"},
                                       "Offensive": {"Attack", "Clash"}}
