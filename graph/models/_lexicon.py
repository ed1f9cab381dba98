"""Word lists the offline backend reads customer messages with.

Every entry is a regular-expression fragment matched against text in the form
`graph.models._text.normalize` produces: lower case, contractions expanded
("do not", "it is"), possessive "'s" dropped ("mom birthday"), abbreviations
spelled out. Entries are general English, grouped by what they signal; the
readers add word boundaries and decide how the groups combine.
"""

from __future__ import annotations

__all__ = [
    "ACCEPT",
    "ACCEPT_SHORT",
    "CALM",
    "DEADLINES",
    "DECLINE",
    "DECLINE_SHORT",
    "DISMISSALS",
    "FRUSTRATION",
    "FRUSTRATION_FIXED",
    "FRUSTRATION_MARKS",
    "INJECTION",
    "META_REQUESTS",
    "NEEDS",
    "NEED_FRAME",
    "NEED_VERBS",
    "NOT_AN_OBJECT",
    "NOT_AN_OCCASION_AFTER",
    "NOT_AN_OCCASION_BEFORE",
    "OCCASIONS",
    "OCCASION_PRODUCTS",
    "OUTSIDE_SOP",
    "SARCASM",
    "STRESS",
    "THANKS",
    "THANKS_CLOSINGS",
    "WANTS_HUMAN",
    "WANTS_HUMAN_FIXED",
    "WANTS_MORE",
    "WANT_FRAME",
    "WANT_VERBS",
]

_DAYS = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues"
    r"|wed|thu|thur|thurs|fri|sat|sun)"
)
_WHEN = (
    rf"(?:(?:this|next|on|the|by) )?(?:{_DAYS}|today|tonight|tomorrow|weekend"
    r"|morning|afternoon|evening|week|end of|\d{1,2}(?:st|nd|rd|th)?\b"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)"
)
_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|sixteen|eighteen|twenty|twenty one|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|hundred|\d{1,3})"
)
_MONEY = (
    r"(?:[$\u20ac\u00a3] ?\d+(?:[.,]\d+)?"
    r"|(?:\d+(?:[.,]\d+)?|" + _NUMBER_WORDS + r"(?: hundred)?) ?"
    r"(?:dollars|bucks|usd|euros?|eur|pounds|gbp|quid))"
)

# Named occasions, most specific first: the first group that matches at a
# position names the occasion ("wedding anniversary" is an anniversary).
OCCASIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "anniversary",
        (r"(?:wedding )?anniversary", r"vow renewal", r"renew(?:ing)? our vows"),
    ),
    ("baby shower", (r"baby shower", r"gender reveal", r"sip and see")),
    ("bridal shower", (r"bridal shower", r"wedding shower")),
    (
        "bachelor party",
        (
            r"bachelorette",
            r"bachelor party",
            r"hen (?:do|party|night)",
            r"stag (?:do|party|night)",
        ),
    ),
    (
        "christmas",
        (r"christmas(?: eve| day| morning)?", r"santa", r"stocking stuffers?"),
    ),
    ("hanukkah", (r"hanukkah", r"chanukah", r"hanukah")),
    ("diwali", (r"diwali",)),
    ("eid", (r"eid(?: al fitr| al adha| ul fitr)?",)),
    ("thanksgiving", (r"thanksgiving",)),
    ("easter", (r"easter",)),
    ("new year", (r"new year(?: eve)?", r"nye", r"lunar new year")),
    ("valentine's day", (r"valentines?(?: day)?",)),
    ("mother's day", (r"mothers? day", r"moms? day", r"mums? day")),
    ("father's day", (r"fathers? day", r"dads? day")),
    ("halloween", (r"halloween",)),
    (
        "trip",
        (
            r"(?:go|going|off|away|leave|leaving|be) on holiday",
            r"trip",
            r"vacation",
            r"honeymoon",
            r"cruise",
            r"camping",
            r"road trip",
            r"(?:my|our|the) flight",
            r"flight (?:is|leaves|out)",
            r"(?:i|we) (?:am|are|will be) (?:leaving|flying|travell?ing|going away"
            r"|going abroad|heading off|off to|away)(?: out)?(?= (?:for|on|to|tomorrow"
            r"|tonight|today|in|at|next|this|town|the country|early|soon|abroad"
            r"|overseas)\b|$|[.,!])",
            r"before (?:i|we) (?:leave|fly|travel|go away|head off|head out|depart)",
            r"(?:i|we) (?:fly|leave|depart|travel|set off|head off)(?: out)? (?:to|for"
            r"|on|tomorrow|tonight|today|in|at|next|this|early)",
            r"(?:going|travell?ing) abroad",
            r"out of (?:town|the country)",
        ),
    ),
    (
        "holiday",
        (
            r"holidays",
            r"holiday season",
            r"(?:the|this|for the|over the) holiday",
            r"festive season",
        ),
    ),
    (
        "graduation",
        (r"graduation", r"graduat(?:e|es|ing)", r"commencement", r"convocation"),
    ),
    ("prom", (r"prom", r"formal dance", r"homecoming")),
    (
        "funeral",
        (r"funeral", r"memorial(?: service)?", r"burial", r"celebration of life"),
    ),
    (
        "christening",
        (
            r"christening",
            r"christened",
            r"baptism",
            r"bapti[sz]ed",
            r"(?:first )?communion",
        ),
    ),
    ("bar mitzvah", (r"b[ae]t mitzvah", r"bar mitzvah", r"bnai mitzvah")),
    ("quinceanera", (r"quincea[n\u00f1]era", r"quince")),
    ("engagement", (r"engagement(?: party)?", r"propose", r"proposing", r"proposal")),
    ("retirement", (r"retirement(?: party)?",)),
    ("housewarming", (r"house ?warming",)),
    ("reunion", (r"(?:family |class |school )?reunion",)),
    (
        "wedding",
        (
            r"wedding",
            r"(?:getting|get|got) married",
            r"tying the knot",
            r"bride",
            r"groom",
            r"bridesmaids?",
            r"maid of honou?r",
            r"best man",
            r"nuptials",
            r"elop(?:e|ing)",
        ),
    ),
    (
        "birthday",
        (
            r"birthday",
            rf"turn(?:s|ing)? {_NUMBER_WORDS}",
            r"(?:my|his|her|their|our) (?:\w+ )?\d{1,3}(?:st|nd|rd|th)(?! (?:of|floor"
            r"|order|time|attempt|message|email|call|request|complaint|delivery"
            r"|package|parcel|try|day|week|century|place|grade|street|avenue))",
        ),
    ),
    (
        "party",
        (
            r"party",
            r"parties",
            r"celebration",
            r"get together",
            r"gathering",
            r"bbq",
            r"barbecue",
            r"cookout",
            r"potluck",
        ),
    ),
    (
        "move",
        (
            r"(?:i|we) (?:am|are|will be) moving",
            r"moving (?:house|out|day|in|away)",
            r"before (?:i|we) move",
            r"new (?:apartment|flat|house|home)",
        ),
    ),
    ("interview", (r"(?:job )?interview",)),
    ("exam", (r"exams?", r"finals", r"midterms?", r"bar exam")),
    ("presentation", (r"presentation", r"pitch meeting", r"demo day")),
    ("conference", (r"conference", r"trade (?:show|fair)", r"convention", r"expo")),
    (
        "meeting",
        (
            r"(?:a|an|the|my|our|big|important|client|board|business|work"
            r"|team) meeting",
        ),
    ),
    ("concert", (r"concert", r"recital", r"gig", r"performance")),
    (
        "competition",
        (
            r"competition",
            r"tournament",
            r"championship",
            r"marathon",
            r"race day",
            r"match day",
        ),
    ),
    (
        "school",
        (
            r"first day (?:of|at) (?:school|college|uni|university|work)",
            r"back to school",
            r"(?:school|semester|term|college|uni) (?:starts|begins)",
        ),
    ),
    ("camp", (r"summer camp", r"camp (?:starts|begins)")),
    (
        "surgery",
        (r"surgery", r"hospital stay", r"(?:going|go) (?:into|to) (?:the )?hospital"),
    ),
    (
        "event",
        (
            r"(?:an|the|our|my|big|special|company|work|family|school|charity"
            r"|corporate) event",
            r"ceremony",
            r"gala",
            r"festival",
            r"fundraiser",
        ),
    ),
    (
        "baby's arrival",
        (
            r"(?:my|our|her|his|their) due date",
            r"(?:the )?baby (?:is due|arrives|arriving|comes|is coming|is born)",
            r"before (?:the|our|my) baby",
        ),
    ),
    (
        "special occasion",
        (r"special occasion", r"special day", r"big day", r"occasion"),
    ),
)

# An occasion word followed by one of these names a product ("birthday
# candles"), not the customer's occasion.
OCCASION_PRODUCTS = frozenset(
    {
        "candle",
        "banner",
        "balloon",
        "decoration",
        "decor",
        "ornament",
        "light",
        "album",
        "invitation",
        "napkin",
        "plate",
        "cup",
        "supply",
        "supplies",
        "tree",
        "sweater",
        "jumper",
        "hat",
        "mug",
        "topper",
        "garland",
        "wreath",
        "stocking",
        "tablecloth",
        "sign",
        "lantern",
        "figurine",
        "card",
        "favor",
        "favour",
        "wrap",
        "wrapping",
        "bag",
        "socks",
        "sock",
        "pajama",
        "pyjama",
        "game",
        "book",
        "movie",
        "music",
        "playlist",
        "cookie",
        "cutter",
        "village",
        "tin",
    }
)
# An occasion word right after these is the carrier's excuse or a greeting.
NOT_AN_OCCASION_BEFORE = (
    r"(?:due to|because of|thanks to|owing to|bank|public|federal|national"
    r"|third|happy|merry|seasons greetings|political|search)(?: the)? ?$"
)
# An occasion word right before these is about the carrier's load or a sale.
NOT_AN_OCCASION_AFTER = frozenset(
    {
        "delay",
        "delays",
        "rush",
        "backlog",
        "volume",
        "volumes",
        "shipping",
        "closure",
        "closures",
        "closing",
        "hours",
        "sale",
        "sales",
        "schedule",
        "traffic",
        "surge",
        "peak",
        "deals",
        "deal",
        "discount",
    }
)

# Verbs of needing: with a time or a purpose after them they state a
# deadline or a need ("I need it by Friday", "I need this for work").
NEED_VERBS = (
    r"(?:need|needs|needed|require|requires|required|must have|have to have"
    r"|has to have|got to have)"
)
NEED_FRAME = (
    r"(?:by|before|until|till|for|on|in time|at the latest|today|tonight"
    r"|tomorrow|this week|this weekend|next week|asap|urgently|badly|desperately"
    r"|right away|right now|immediately|soon|now|so badly|as soon as possible)"
)
# Verbs of wanting or planning count only with a deadline or a purpose.
WANT_VERBS = (
    r"(?:want|wanted|wanting|(?:hoping|hoped|planning|planned|counting on"
    r"|intended|meant|going) to (?:have|use|give|wear|bring|take|get)"
    r"|(?:bought|ordered|got|purchased) (?:it|this|them|these))"
)
WANT_FRAME = r"(?:by|before|until|till|for|in time|as a)"
# Objects of "need" that are information, not the package.
NOT_AN_OBJECT = frozenset(
    {
        "to",
        "answer",
        "answers",
        "update",
        "updates",
        "information",
        "info",
        "tracking",
        "response",
        "reply",
        "explanation",
        "refund",
        "number",
        "email",
        "help",
        "someone",
        "somebody",
        "person",
        "manager",
        "human",
        "details",
        "news",
        "confirmation",
        "know",
        "you",
        "clarity",
        "status",
        "more",
        "money",
        "compensation",
        "an",
        "some",
        "eta",
        "date",
    }
)

DEADLINES = (
    r"(?<!point )in time",
    r"deadline",
    r"time[ -]sensitive",
    r"time critical",
    r"at the latest",
    r"no later than",
    r"(?:has|have|had|needs|need|got) to"
    r" (?:be here|arrive|get here|be delivered|come|reach me|be with me|be at"
    rf" my|be in my hands) (?:by|before|for|on|in time|{_WHEN})",
    r"(?:has|have|needs|need|got) to (?:be here|arrive|get here|be delivered"
    r"|reach me|be with me)",
    r"must (?:have it|arrive|be here|be delivered|get here|come|reach me)",
    r"(?:counting|relying|depending|banking) on (?:it|this|them|that|the|having"
    r"|getting|receiving|this package|that package)",
    r"(?:is|it is|they are|package is|order is|item is|this is|these are)"
    r" (?:needed|required|for) (?:by )?"
    rf"(?:{_DAYS}|today|tonight|tomorrow|this weekend|this week|next week)",
    r"(?:too late|useless|no use|worthless|pointless|no good)(?: to (?:me|us))?"
    r" (?:if|after|by|once|when|for)",
    r"running out of time",
    r"if (?:it|this|the package|my package|the parcel|the order|they)"
    r" (?:is not|are not|does not|do not|will not|can not|has not|have not)"
    r"(?: \w+){0,3} (?:by|before) ",
    r"(?:ran|run|running|almost|nearly|completely|totally) out(?! of patience)",
)

NEEDS = (
    r"medications?",
    r"medicines?",
    r"prescriptions?",
    r"insulin",
    r"inhalers?",
    r"epi ?pens?",
    r"antibiotics?",
    r"(?:my|his|her|the) (?:pills|tablets)",
    r"medical (?:supplies|equipment|device|devices|items?)",
    r"wheelchair",
    r"walker",
    r"crutches",
    r"oxygen",
    r"cpap",
    r"nebuli[sz]er",
    r"glucose",
    r"test strips",
    r"hearing aids?",
    r"baby formula",
    r"formula for (?:my|our|the) baby",
    r"diapers",
    r"nappies",
    r"(?:dog|cat|pet|baby) food",
    r"food for (?:my|our|the) (?:dog|cat|pet|baby|kids?|family)",
    r"for (?:my |our |the )?(?:work|job|office|business|clinic|class|classes|school"
    r"|college|uni|university|course|studies|clients?|customers?|patients?"
    r"|team|boss|project|company|shop|store|restaurant)",
    r"work (?:laptop|computer|equipment|tools?|uniform|phone|boots)",
    r"(?:laptop|computer|equipment|tools?|uniform|supplies|textbooks?)"
    r" for (?:work|my job|school|class|college|uni)",
    r"textbooks?",
    r"school supplies",
    r"can not (?:work|cook|drive|study|sleep|function|do my job|do anything"
    r"|start|continue|finish|live|manage|go|leave|travel|teach|open)"
    r"(?: \w+){0,3} without",
    r"stuck without",
    r"so (?:that )?(?:i|we) can (?:get|go|drive|commute) to (?:work|school|the hospital"
    r"|my job|class)",
    r"without it (?:i|we) (?:can not|am|are|will)",
    r"(?:depend|depends|depending|rely|relies|relying) on (?:it|this|them|that)",
    r"(?:really|desperately|badly|urgently|truly|seriously|genuinely|absolutely)"
    r" need",
    r"need (?:it|this|them|these|that) (?:so )?(?:badly|urgently|desperately)",
    r"gift(?:s|ed|ing)?(?! (?:card|cards|certificate|voucher|code|receipt|balance"
    r"|credit))",
    r"(?:a|the|my|her|his|as a|their|our) presents?",
    r"presents? for",
    r"surprise (?:for|party|gift)",
    r"(?:the|our|whole|my) surprise",
    r"(?:it is|its) a surprise",
    r"replacement (?:for|part)",
    r"(?:my|the|our) (?:old|current|only|last)(?: \w+)? (?:broke|died|stopped working"
    r"|is broken|gave out|gave up)",
    r"passport",
    r"visa",
    r"(?:legal |important |official )?documents",
    r"paperwork",
    r"costume",
    r"(?:important|essential|critical|crucial|vital|necessary) (?:for|to) (?:me|us|my"
    r"|our)",
)

# Saying the package matters without naming why.
STRESS = (
    r"urgent(?:ly)?",
    r"emergency",
    r"(?:really |very |super |extremely |so |quite |incredibly )?important",
    r"(?:high|top|a) priority",
    r"(?:means|meant|matters|mattered|mean) (?:a lot|so much|the world"
    r"|everything|a great deal)",
    r"time is (?:running out|of the essence|short|ticking)",
    r"every (?:day|hour) counts",
    r"need (?:it|this|them|these|that|my package|my order|the package|the order"
    r"|my parcel|my stuff)(?: so)? (?:badly|now|right now|asap|immediately"
    r"|urgently|right away|soon|as soon as possible)",
)

# Saying the package does not matter.
DISMISSALS = (
    r"no (?:rush|hurry|pressure|deadline|urgency|biggie|big deal|emergency)",
    r"not (?:in )?(?:a |any )?(?:rush|hurry)",
    r"in no (?:rush|hurry|way urgent)",
    r"not (?:urgent|important|time[ -]sensitive|a priority|pressing|critical"
    r"|needed (?:until|till|for|right away|urgently|immediately|soon))",
    r"not (?:really |that |very |a )?(?:big )?deal",
    r"nothing (?:special|important|urgent|particular|major|serious)",
    r"not for (?:anything|any|something)",
    r"no (?:special |particular |specific )?(?:occasion|reason|event|date)",
    r"(?:can|it can|that can|it will|it'll|this can) wait",
    r"take (?:your|all the|as much|whatever) time",
    r"whenever (?:is fine|it comes|it arrives|it gets here|works|you can|is ok)",
    r"does not matter",
    r"do not (?:really )?need (?:it|this|them) (?:until|till|right away|urgently"
    r"|immediately|soon|for (?:a|another|weeks|months|ages|now))",
    r"(?:no|any) time is fine",
    r"(?:in|at) (?:my|your) (?:own )?leisure",
)

# Words and phrases of being upset; a negation before them cancels them.
FRUSTRATION = (
    r"frustrat\w*",
    r"annoy\w*",
    r"angry",
    r"angrier",
    r"anger",
    r"furious",
    r"livid",
    r"fuming",
    r"seething",
    r"irate",
    r"outrage\w*",
    r"(?:i am|we are|so|really|very|getting|extremely|absolutely|hopping|pretty)"
    r" mad",
    r"mad (?:at|about|as hell)",
    r"pissed",
    r"ticked off",
    r"upset\w*",
    r"unhappy",
    r"distress\w*",
    r"disappoint\w*",
    r"let down",
    r"fed up",
    r"sick (?:and tired )?of",
    r"tired of",
    r"had enough",
    r"enough is enough",
    r"i have had it",
    r"last straw",
    r"done waiting",
    r"over it",
    r"unacceptable",
    r"ridiculous(?:ly)?",
    r"absurd",
    r"outrageous",
    r"insane",
    r"crazy",
    r"unbelievable",
    r"unreal",
    r"pathetic",
    r"terrible",
    r"horrible",
    r"awful",
    r"dreadful",
    r"appall\w*",
    r"atrocious",
    r"abysmal",
    r"shocking",
    r"shocked",
    r"disgust\w*",
    r"disgrace\w*",
    r"shameful",
    r"shame on",
    r"embarrassing",
    r"useless",
    r"hopeless",
    r"incompeten\w*",
    r"unprofessional",
    r"lousy",
    r"rubbish",
    r"garbage",
    r"trash",
    r"crap\w*",
    r"sucks?",
    r"joke",
    r"laughable",
    r"a mess",
    r"shambles",
    r"nightmare",
    r"disaster",
    r"fiasco",
    r"worst",
    r"(?:poor|bad|terrible|horrible|awful) (?:service|communication)",
    r"(?:very|really|so|extremely|incredibly|pretty) poor",
    r"scam\w*",
    r"rip ?off",
    r"ripped off",
    r"lied",
    r"lies",
    r"(?:a|total|complete|big|blatant|outright) lie",
    r"liars?",
    r"lying to",
    r"excuses",
    r"ignor(?:ed|ing)",
    r"runaround",
    r"run around",
    r"stress(?:ed|ful|ing)?",
    r"anxious",
    r"anxiety",
    r"worr(?:ied|ying|y|ies)",
    r"nervous",
    r"panic\w*",
    r"freaking out",
    r"desperate",
    r"devastated",
    r"heartbroken",
    r"gutted",
    r"crushed",
    r"in tears",
    r"crying",
    r"ruin(?:ed|ing|s)?",
    r"spoil(?:ed|ing|t)",
    r"irritat\w*",
    r"aggravat\w*",
    r"exasperat\w*",
    r"infuriat\w*",
    r"enrag\w*",
    r"(?:losing|lost|run out of|running out of|ran out of|out of)"
    r" (?:my |all )?patience",
    r"patience is (?:running|wearing) (?:out|thin)",
    r"wits? end",
    r"can not believe",
    r"can not stand",
    r"can not wait (?:any|much) longer",
    r"(?:second|third|fourth|fifth|2nd|3rd|4th|5th|umpteenth|nth|several|multiple"
    r"|many|countless|\d+) times?(?! (?:zone|frame|slot|window))",
    r"(?:second|third|fourth|fifth|2nd|3rd|4th|5th|umpteenth|nth|several|multiple"
    r"|countless) (?:messages?|emails?|calls?|requests?|attempts?|complaints?)",
    r"how many (?:more )?times",
    r"(?:two|three|four|five|six|seven|eight|nine|ten|a dozen|a hundred) times",
    r"you (?:have|had) (?:one|1) job",
    r"(?:keep|kept|keeps) (?:asking|calling|writing|emailing|contacting|messaging"
    r"|getting|telling|saying|changing|pushing|moving|checking|refreshing|delaying)",
    r"for the last time",
    r"again and again",
    r"over and over",
    r"once again",
    r"yet again",
    r"(?:late|delayed|postponed|pushed back|missed|wrong|lost|stuck|rescheduled"
    r"|moved|changed|happened|this|nothing|delay) again",
    r"still (?:not|no|nothing|has not|have not|had not|is not|does not|did not"
    r"|waiting|stuck|missing|sitting|nowhere|nowt|zero|unanswered)",
    r"(?:waiting|waited) (?:for )?(?:forever|ages|so long|too long|long enough"
    r"|weeks|months|an eternity)",
    r"taking (?:forever|ages|so long|too long|way too long|this long)",
    r"takes? (?:forever|ages)",
    r"(?:so|way|ridiculously|extremely|super|incredibly|absurdly) late",
    r"how (?:hard|difficult) (?:is it|can it be)",
    r"ugh+",
    r"argh+",
    r"grr+",
    r"wtf",
    r"wth",
    r"ffs",
    r"omfg",
    r"smh",
    r"jeez",
    r"geez",
    r"for (?:god|heaven|heavens|pete|christ|crying out loud) sake",
    r"for crying out loud",
    r"what the (?:hell|heck|fuck|f|actual)",
    r"the hell",
    r"damn\w*",
    r"dammit",
    r"bloody",
    r"freaking",
    r"frick\w*",
    r"fuck\w*",
    r"shit\w*",
    r"bs",
    r"bullshit",
    r"hell",
    r"are you (?:kidding|serious|joking)",
    r"kidding me",
    r"you must be joking",
    r"give me a break",
    r"you people",
    r"(?:i will|i am going to|going to|i will be) (?:sue|report|dispute)",
    r"dispute (?:the|this|a|my) (?:charge|payment|transaction)",
    r"(?:i am|we are) (?:so |just |totally |completely |absolutely )?done"
    r"(?! (?:shopping|ordering|paying|checking|with my order))",
    r"lawyer",
    r"legal action",
    r"chargeback",
    r"charge back",
    r"better business bureau",
    r"bbb",
    r"trading standards",
    r"consumer protection",
    r"(?:take|taking) my (?:business|money) elsewhere",
    r"(?:leave|leaving|write|writing|post|posting) (?:a )?(?:bad|negative|terrible"
    r"|scathing|1 star|one star) review",
    r"(?:1|one) star",
    r"last time i (?:order|buy|shop|use)",
    r"(?:lost|losing) (?:a )?customer",
    r"losing (?:my|our) (?:mind|minds|temper|cool)",
)

# Praise that means the opposite. It shows frustration, and it keeps a short
# "Great, just great." from reading as an acceptance.
SARCASM = (
    r"so much for",
    r"yeah right",
    r"what a (?:joke|surprise|shock|mess|farce)",
    r"bravo",
    r"slow clap",
    r"my (?:ass|foot)",
    r"(?:oh|just|how|wow|yeah|well) (?:great|perfect|wonderful|lovely|fantastic"
    r"|brilliant|awesome|nice|terrific|marvell?ous)",
    r"love (?:that|how) (?:i|you|it|my|nobody|no one)",
    r"thanks a lot for nothing",
)

# Upset phrases that carry their own negation; no further negation check.
FRUSTRATION_FIXED = (
    r"not (?:very |too |at all |so |that |really |remotely |exactly |overly"
    r" |particularly )?(?:happy|pleased|satisfied|impressed|thrilled|amused"
    r"|acceptable|ok|fair|cool|good enough|funny|great)",
    r"not right(?! now| away| here| there)",
    r"no excuse",
    r"never again",
    r"never (?:ordering|order|buying|buy|shopping|shop|using|use) (?:here|from you"
    r"|with you|again)",
    r"not (?:ordering|buying|shopping|using you)(?: \w+){0,2} again",
    r"thanks for nothing",
    r"(?:no|zero) help",
    r"not helpful",
    r"unhelpful",
    r"no (?:one|body) (?:cares|is helping|helps|answers|is answering|responds"
    r"|is responding|replies|is replying|knows|gets back|bothered|seems|picks up"
    r"|calls back)",
    r"nobody (?:cares|is helping|helps|answers|responds|replies|knows|bothered"
    r"|seems|will|is answering|is responding|is replying|picks up|calls back"
    r"|gets back)",
    r"(?:zero|no) (?:communication|response|reply|answer)",
    r"not (?:even|once) (?:an?|one) (?:update|email|reply|response|apology)",
    r"seriously(?= ?[?!.,]|$)",
    r"(?:^|[.!?] )seriously",
    r"come on(?= ?[!?.,]|$| guys| people| now| really| seriously)",
    r"really ?\?",
)

# Punctuation and emoji that show exasperation.
FRUSTRATION_MARKS = (
    r"!{2,}",
    r"\?{2,}",
    r"\?!",
    r"!\?",
    r"[\U0001F620\U0001F621\U0001F624\U0001F92C\U0001F644\U0001F612\U0001F629"
    r"\U0001F62B\U0001F622\U0001F62D\U0001F4A2\U0001F61E\U0001F614\U0001F623"
    r"\U0001F616\U0001F92F]",
    r">?:-?\(+",
    r"/s\b",
)

# Explicit de-escalation: the customer says they are not upset. Dismissing
# the package's importance ("no rush") calms as well.
CALM = (
    r"no (?:worries|worry|problem|problems|stress|hard feelings)",
    r"not a problem",
    r"(?:it is|that is|totally|completely|perfectly|all) (?:fine|ok|alright"
    r"|all right|understandable|no problem)",
    r"all good",
    r"i (?:totally |completely |fully |do )?understand",
    r"understandable",
    r"(?:happy|glad|fine|ok) to wait",
    r"(?:do not|no need to) worry",
    r"(?:i am|we are) not (?:upset|angry|mad|annoyed|frustrated|bothered|worried"
    r"|complaining|in a hurry|in a rush)",
    r"not (?:bothered|fussed)",
)

# Text addressed to the classifier rather than to the shop: the sentence is
# ignored, and so are bare claims of urgency anywhere in the message.
INJECTION = (
    r"(?:ignore|disregard|forget|override|bypass|skip) (?:all |any |your |the |my"
    r" |previous |prior |above |earlier |these |those |of |every |former |existing"
    r" )*(?:instructions?|rules|prompts?|guidelines|polic(?:y|ies)|programming"
    r"|directions|system|script|training|constraints|sop|procedures?|directives)",
    r"(?:new|updated|override|overriding|revised|real|actual) (?:instructions|rules"
    r"|system prompt|policy|directive)",
    r"system (?:prompt|message|override|instruction|note|update|admin)",
    r"(?:system|admin|developer|assistant|root) ?:",
    r"\[(?:system|admin|inst|instructions?)\]",
    r"< ?/? ?(?:system|instructions?|admin)",
    r"developer mode",
    r"jailbreak",
    r"you are now",
    r"from now on you",
    r"act as",
    r"pretend (?:to be|you are|that)",
    r"role ?play",
    r"(?:note|message|instruction|attention|reminder) (?:to|for) (?:the )?(?:ai"
    r"|assistant|bot|model|system|classifier|agent|llm|chatbot)",
    r"(?:the|this) (?:customer|user|client|sender) (?:is|was|has|feels|seems"
    r"|appears|sounds|needs|wants|requires|should)",
    r"as an ai",
    r"you (?:must|should|will|have to) (?:now )?(?:mark|classify|label|treat"
    r"|flag|set|output|return|respond|answer|say|tag|rate)",
    r"(?:output|return|respond with|answer with|reply with|print|say)"
    r" [\"']?(?:urgent|routine|true|false)",
    r"(?:label|intent|urgency|frustrated|importance_stated|importance)"
    r" ?(?:=|:)",
)

# Asking for a label rather than describing a situation: these words never
# count as a sign of urgency.
META_REQUESTS = (
    r"(?:mark|classify|label|flag|tag|set|treat|consider|categori[sz]e|rate|record"
    r"|register|log|list|file|handle|prioriti[sz]e|escalate) (?:this|it|me|my"
    r" (?:case|message|ticket|request|order|package|complaint)|the (?:message|ticket"
    r"|case|request|customer|urgency|order|package))? ?(?:as |to |with |= ?|: ?)?"
    r"(?:an? )?(?:urgent|urgency|high priority|top priority|priority|vip|critical"
    r"|frustrated|important|emergency)",
    r"(?:urgency|priority) (?:level )?(?:=|:|is|to|of) ?(?:urgent|high|max\w*|top)",
)

# Read-message cues, one family per intent. Where `is_negated` applies, a
# negation in front cancels the cue ("I don't need a manager").
WANTS_HUMAN = (
    r"(?:speak|talk|chat|communicate|deal|get through) (?:to|with) (?:a |an |the"
    r" |your |some |real |actual |live |human |proper |another |different )*"
    r"(?:human|person|people|manager|supervisor|agent|representative|rep|someone"
    r"|somebody|anyone|anybody|boss|staff|employee|operator|team lead|superior"
    r"|being|team leader|member of staff)",
    r"(?:real|actual|live|human|proper) (?:person|human|agent|being|representative"
    r"|rep|people|operator)",
    r"(?<!my )(?<!our )(?<!the )(?:manager|supervisor|superior|team leader)",
    r"humans?",
    r"escalat\w+",
    r"transfer (?:me|this|my|the)",
    r"put me (?:through|in touch)",
    r"connect me",
    r"get me (?:a|an|someone|somebody|your|the person)",
    r"(?:someone|somebody) (?:else|real|in charge|senior|higher up|who can"
    r" (?:actually )?help|competent|with authority)",
    r"higher up",
    r"(?:call|phone|ring) me(?: back)?",
    r"give me a (?:call|ring)",
    r"(?:is there|are there|is anyone) (?:a |any |anyone |someone |somebody )?"
    r"(?:human|real|person|people|actual|alive|there)",
)
WANTS_HUMAN_FIXED = (
    r"not (?:a|an|some|another) (?:bot|robot|machine|computer|ai|script|chatbot"
    r"|automated)",
    r"(?:stop|quit) (?:being a |talking like a )?(?:bot|robot)",
    r"no (?:more )?(?:bots|robots|automated)",
)

WANTS_MORE = (
    r"refund\w*",
    r"reimburs\w*",
    r"money back",
    r"(?:want|give me|return|get|need) (?:back )?(?:my|our) money",
    r"(?:more|better|proper|real|fair|full|adequate|actual|decent|additional|extra"
    r"|some|reasonable|bigger|higher) compensation",
    r"(?:want|deserve|expect|demand|ask for|asking for|owed|should get) (?:\w+ )?"
    r"compensat\w*",
    r"(?:want|deserve|expect|demand|ask for|asking for|owed|owe me|should get"
    r"|should give me|should receive) (?:\w+ ){0,2}(?:more|bigger|higher|larger"
    r"|extra|additional)(?! (?:information|details|time|updates?|help|answers?"
    r"|communication|info))",
    r"more (?:money|compensation|credit|than (?:that|this|a gift card|a card|"
    + _MONEY
    + r"|\d+)|for (?:this|my trouble|the trouble|the inconvenience|my time))",
    r"(?:something|anything|a lot|a bit|a little|much|way) more(?! (?:information"
    r"|details|time|info|patient|patience|updates?|than a week))",
    r"(?:can|could|would|will) you (?:do|offer|give|pay) (?:me |us )?(?:better|more)",
    r"(?:offer|give|pay) (?:me |us )?more",
    r"better (?:offer|deal|compensation|than that)",
    r"(?:double|triple|quadruple|twice|three times) (?:it|that|this|the (?:amount"
    r"|offer|card|value|gift card)|as much)",
    r"(?:increase|raise|bump|up|top up|boost) (?:it|that|the (?:amount|offer|card"
    r"|value|gift card))",
    r"bump (?:it|that) up",
    r"(?:add|throw in|chuck in|top it up with) (?:another|more|an extra|a little more"
    r"|a bit more|some more|something)",
    r"make it (?:[$\u20ac\u00a3] ?)?\d+",
    r"make it " + _MONEY,
    r"make it (?:more|bigger|higher|double|worth)",
    r"(?:want|need|deserve|expect|give me|demand|make it|at least|how about"
    r"|what about|more like|minimum|no less than|closer to) (?:a |an |the )?" + _MONEY,
    r"full (?:price|amount|cost|value|refund|reimbursement)",
    r"(?:whole|entire) (?:order|amount|price|cost|thing) (?:back|refunded|for free"
    r"|free|covered|reimbursed)",
    r"cover (?:the )?(?:whole|full|entire|cost)",
    r"(?:for )?free (?:shipping|replacement|item|upgrade|express|delivery|next order"
    r"|product|month|of charge)",
    r"discount",
    r"\d+ ?(?:%|percent) off",
    r"store credit",
    r"credit (?:back|to my (?:card|account))",
    r"(?:want|prefer|rather have|give me|in|as) cash",
    r"instead of (?:a|the|your) (?:gift card|card|voucher)",
    r"(?:rather|prefer) (?:have |get )?(?:a |the |my )?(?:cash|refund|money|discount"
    r"|credit)",
    r"(?:pay|paid) (?:me )?back",
)

OUTSIDE_SOP = (
    r"(?:says|said|shows|showed|showing|marked|listed|claims|claimed|confirmed"
    r"|apparently|supposedly|status is|status says|tracking says|notification"
    r" says|email says|app says) (?:as |that |it |it is |it was |it has been |the"
    r" package was |my package was |package was |was |has been |been |already"
    r" |as being )*delivered",
    r"delivered (?:\w+ ){0,6}(?:but|yet|though|however|and) (?:\w+ ){0,4}(?:not"
    r"|never|nothing|no package|no sign|nowhere|can not find)",
    r"(?:never|not|did not|have not|has not) (?:\w+ ){0,2}(?:received|got|gotten"
    r"|arrived|turned up|showed up|seen)(?: \w+){0,4} (?:but|though|even though"
    r"|although|yet|while) (?:\w+ ){0,4}delivered",
    r"stolen",
    r"theft",
    r"porch pirates?",
    r"(?:someone|somebody) (?:took|stole)",
    r"wrong (?:house|address|door|porch|building|flat|apartment|person|neighbou?r"
    r"|item|product|size|colou?r|package|thing|order|parcel|model|one)",
    r"cancel\w*",
    r"(?:change|update|correct|fix|modify|edit|switch|amend) (?:\w+ ){0,3}address",
    r"(?:new|different|another|old|alternate|alternative) address",
    r"(?:ship|send|deliver|redirect|forward|reroute|route) (?:it |this |the package"
    r" |my package |them |the order |my order )?to (?:a |my |another |the |our )?"
    r"(?:different|new|other|work|office|neighbou?r|friend|parent|mom|mum|dad"
    r"|pickup|pick up|locker|store|post office|sister|brother|daughter|son)",
    r"redirect\w*",
    r"re ?rout\w*",
    r"(?:hold|keep) (?:it|the package|my package|the parcel) (?:at|for pick ?up)",
    r"pick (?:it |this |the package |my package |the parcel )?up (?:myself|at|from"
    r"|in person)",
    r"leave (?:it|the package|my package|the parcel) (?:with|at|on|by|behind|in"
    r"|outside)",
    r"(?:change|reschedule|move|pick) (?:the |a |my )?(?:delivery|shipping)"
    r" (?:date|day|time|slot|window|instructions)",
    r"(?:can|could) you (?:please )?reschedule",
    r"reschedule (?:it|the|my)",
    r"delivery instructions",
    r"(?:arrived|came|got here|showed up|was delivered) (?:\w+ ){0,2}(?:damaged"
    r"|broken|crushed|smashed|opened|torn|wet|ripped|dented|cracked|shattered"
    r"|defective|faulty)",
    r"(?:box|package|parcel|item|contents?) (?:is|was|were|are|arrived) (?:\w+ )?"
    r"(?:damaged|broken|crushed|smashed|torn|wet|ripped|dented|cracked|shattered)",
    r"missing (?:item|part|piece|component|accessor)\w*",
    r"(?:items?|parts?|pieces?) (?:is |are |were |was )?missing from",
    r"(?:return|exchange|swap) (?:it|this|them|the|my|an?)\b",
    r"send (?:it|this|them) back",
    r"return (?:label|policy|request)",
    r"(?:want|like|need) to (?:return|exchange)",
    r"refuse (?:the )?delivery",
    r"charged (?:twice|two times|double|again|wrong)",
    r"double charged",
    r"overcharged",
    r"billing",
    r"invoice",
    r"receipt",
    r"payment (?:method|card|details|issue|problem|failed|declined)",
    r"password",
    r"log ?in",
    r"(?:delete|close|update|change|access|locked|hacked|reset) (?:\w+ )?account",
    r"unsubscribe",
    r"promo(?:tion)? code",
    r"coupon",
    r"discount code",
    r"price (?:match|adjustment|drop)",
    r"(?:change|update|edit|modify) (?:my |the )?(?:order|size|colou?r|quantity"
    r"|email|phone|name|payment)",
    r"add (?:an? |another |one more )?(?:item|product|something) to (?:my|the) order",
)

# Refusals that hold in a message of any length.
DECLINE = (
    r"^(?:no|nope|nah|naw|nay)(?: ?[,.!]|\s+(?:thanks|thank you|thank|way|deal"
    r"|sorry|i|that|it|this|we|not|please)\b| ?$)",
    r"no (?:thanks|thank you|way|deal|dice|chance)",
    r"not (?:interested|for me|worth it)",
    r"not (?:\w+ )?(?:good )?enough",
    r"(?:nowhere|not even) (?:near|close to) enough",
    r"insufficient",
    r"(?:does not|did not|will not|would not|does nothing to|do not)"
    r" (?:really )?(?:help|fix|solve|change anything|make up|cut it|do it for me"
    r"|compensate|replace)",
    r"(?:do not|does not) (?:really )?(?:want|need) (?:it|that|this|a gift card"
    r"|the gift card|a card|the card|your gift card|a voucher|your money|a credit"
    r"|your offer|the offer|compensation|any of that)",
    r"no (?:use|good|help) to me",
    r"useless to me",
    r"(?:i will|i would) (?:rather not|pass)",
    r"^pass\b",
    r"hard pass",
    r"pass on (?:it|that|this|the)",
    r"i (?:decline|refuse|reject)",
    r"declin\w*",
    r"(?:not|never) (?:accept|accepting|taking|take|agree|agreeing|settle|settling)",
    r"keep (?:your|the) (?:gift card|card|voucher|money|offer|credit|coupon|cash)",
    r"keep it ?[.!]*$",
    r"(?:(?:your|the|this|that) offer|the gift card|a gift card|gift card"
    r"|the card|a card|" + _MONEY + r") (?:is |would be |seems |sounds |feels |does"
    r" )?(?:\w+ ){0,3}(?:an insult|insulting|a joke|laughable|pathetic|ridiculous"
    r"|peanuts|nothing|useless|worthless|pointless|unacceptable|not acceptable|a"
    r" slap in the face|too (?:little|low|small)|rubbish|garbage|cheap|stingy"
    r"|lame|a waste)",
    r"(?:what|how) (?:good|use) is (?:a|that|the|this|your)",
    r"(?:is that|that is) (?:all|it) ?\?",
    r"forget (?:it|about it)",
    r"never ?mind",
    r"thanks (?:a lot )?for nothing",
    r"(?:does not|do not) (?:work|sound (?:good|right|fair|ok))",
    r"disagree",
    r"(?:that|this) is not what i (?:want|asked for|need)",
)
# Judgements that refuse an offer only when they are the whole reply
# ("that's not ok"); in a long message they are a complaint.
DECLINE_SHORT = (
    r"not (?:ok|fine|good|great|fair|acceptable|right|cool|happy)",
    r"(?:that|this|it) (?:is |would be |seems |sounds )?(?:an insult|insulting"
    r"|a joke|laughable|pathetic|ridiculous|peanuts|useless|worthless|pointless"
    r"|unacceptable|a slap in the face|too (?:little|low|small)|rubbish|lame)",
    r"unacceptable",
)

# Acceptances; a negation in front turns them into a refusal ("I don't
# accept", "that doesn't work for me", "please don't send it").
ACCEPT = (
    r"sounds? (?:good|great|fine|fair|ok|perfect|reasonable|lovely|nice|alright"
    r"|all right|like a plan)",
    r"(?:that|this|it) works",
    r"works for (?:me|us)",
    r"(?:i|we)(?: will| would| can| shall)? (?:take|accept|have) (?:it|that|this"
    r"|the (?:gift card|card|offer|credit|voucher|deal)|you up on)",
    r"(?:accept|accepted|accepting)",
    r"agreed?",
    r"fair enough",
    r"(?:happy|glad|ok|fine|good|satisfied) with (?:that|this|it|the offer)",
    r"(?:i|we) can live with (?:it|that|this)",
    r"yes please",
    r"yes,? (?:i|we) (?:will|would|do|accept|agree|want|take|can)",
    r"^deal\b",
    r"(?:it is|that is|sounds like) a deal",
    r"deal ?[!.]*$",
    r"go ahead",
    r"please do(?= ?[.!,]|$)",
    r"please (?:proceed|go ahead|send it|send the|issue)",
    r"(?:do|proceed with) it",
    r"go for it",
    r"go on(?:,)? (?:then|send it|do it)",
    r"let us do (?:it|that|this)",
    r"(?:send|issue|give) (?:it|me the (?:gift card|card|code|voucher)|the"
    r" (?:gift card|card|code)|it over)",
)
# Approval that accepts only in a short reply that asks nothing: in a long
# message "that's fine" is more often a concession inside a complaint.
ACCEPT_SHORT = (
    r"(?:that is|that|this is|that would be|would be|that will be|it is)"
    r" (?:totally |perfectly |absolutely |very |really |more than |quite |super"
    r" )?(?:fine|ok|great|good|perfect|acceptable|fair|reasonable|generous|kind"
    r"|nice|lovely|helpful|appreciated|wonderful|amazing|brilliant|excellent"
    r"|awesome|cool)(?! to know| news)",
    r"i would (?:like|love|appreciate) (?:that|it|the (?:gift card|card|credit"
    r"|voucher))",
    r"why not",
    r"^(?:(?:oh|well|hmm|um|uh|ah) ?,? )?(?:yes|yeah|yep|yup|ya|yea|yess+|aye|ok"
    r"|sure|fine|great|alright|all right|cool|perfect|good|lovely|brilliant"
    r"|awesome|wonderful|nice|absolutely|definitely|certainly|excellent)"
    r"(?: (?:then|please|thanks|thank you|fine|sure|ok|great|cool))*(?= ?[,.!]|$)",
)

THANKS = (
    r"thank(?:s| you)(?! (?:in advance|for nothing|a lot for nothing))",
    r"cheers",
    r"(?:much )?appreciated",
    r"i appreciate (?:it|that|your|the|this)",
    r"(?:that is|that was|you have been|you were) (?:very |really |super |so )?"
    r"helpful",
    r"got it",
    r"noted",
    r"understood",
)
# Closing a conversation reads as thanks wherever it appears.
THANKS_CLOSINGS = (
    r"(?:good ?)?bye",
    r"see (?:you|ya)",
    r"have a (?:nice|good|great|lovely|wonderful) (?:day|one|evening|weekend|night)",
    r"that (?:is|will be|was) all",
    r"nothing else",
    r"take care",
    r"all set",
)
