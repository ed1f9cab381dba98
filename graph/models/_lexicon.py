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
    "ACCEPT_OPENING",
    "ACCEPT_SHORT",
    "CALM",
    "DEADLINES",
    "DECLINE",
    "DECLINE_SHORT",
    "DISMISSALS",
    "EMPHASIS_WORDS",
    "FRUSTRATION",
    "FRUSTRATION_FIXED",
    "FRUSTRATION_MARKS",
    "FRUSTRATION_VERDICTS",
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
    "PACKAGE_QUESTION",
    "SARCASM",
    "STRESS",
    "THANKS",
    "THANKS_CLOSINGS",
    "WANTS_HUMAN",
    "WANTS_HUMAN_ALONE",
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
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DATE = (
    rf"(?:(?:this|next|on|the|by) )*(?:{_DAYS}|today|tonight|tomorrow|(?:the )?weekend"
    rf"|\d{{1,2}}(?:st|nd|rd|th)|{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?)(?!\w)"
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
    ("diwali", (r"diwali", r"deepavali")),
    ("eid", (r"eid(?: al fitr| al adha| ul fitr| ul adha| mubarak)?",)),
    ("ramadan", (r"ramadan", r"ramzan", r"iftar")),
    ("passover", (r"passover", r"pesach", r"seder")),
    ("rosh hashanah", (r"rosh hashanah?", r"yom kippur", r"sukkot", r"purim")),
    (
        "religious festival",
        (
            r"holi",
            r"navratri",
            r"durga puja",
            r"pooja",
            r"puja",
            r"raksha bandhan",
            r"rakhi",
            r"karva chauth",
            r"onam",
            r"pongal",
            r"lohri",
            r"vaisakhi",
            r"baisakhi",
            r"vesak",
            r"nowruz",
            r"kwanzaa",
            r"(?:orthodox|coptic) (?:christmas|easter)",
            r"epiphany",
            r"three kings day",
            r"day of the dead",
            r"dia de (?:los )?muertos",
            r"mid ?autumn festival",
            r"(?:chinese|lunar) new year",
            r"songkran",
            r"obon",
            r"st patrick day",
            r"mardi gras",
            r"carnival",
            r"boxing day",
            r"(?:independence|thanksgiving|canada|australia|memorial|labou?r) day",
            r"(?:4th|fourth) of july",
            r"bonfire night",
            r"guy fawkes",
        ),
    ),
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
            r"(?:my|our) (?:summer |winter |family |ski |beach )?holiday(?! (?:season"
            r"|period|rush|sale|hours))",
            r"(?:ski|beach|family|school|business|work) (?:holiday|break|getaway)",
            r"getaway",
            r"safari",
            r"pilgrimage",
            r"hajj",
            r"umrah",
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
    ("sweet sixteen", (r"sweet (?:sixteen|16)", r"debut", r"coming of age")),
    ("naming ceremony", (r"naming ceremony", r"aqiqah", r"bris", r"mundan")),
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
            r"mehn?di",
            r"mehendi",
            r"sangeet",
            r"haldi",
            r"nikah",
            r"walima",
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
            r"(?:half )?marathon",
            r"triathlon",
            r"play ?offs?",
            r"tryouts?",
            r"(?:cup|grand|league|season|county|state|regional|national) finals?",
            r"world cup",
            r"super bowl",
            r"(?:football|soccer|rugby|basketball|baseball|hockey|cricket|tennis|netball"
            r"|volleyball|swim|swimming|track|golf|chess|dance|gymnastics|karate|judo"
            r"|boxing|climbing|cycling|running) (?:match|game|tournament|meet|gala"
            r"|competition|final|finals|season|camp|trip|practice|trials?|grading"
            r"|event|race)",
            r"(?:big|home|opening|first|season) game",
            r"(?:belt test|audition|opening night|premiere)",
        ),
    ),
    (
        "school",
        (
            r"first day (?:of|at) (?:school|college|uni|university|work)",
            r"back to school",
            r"(?:school|semester|term|college|uni|university|classes|nursery|daycare"
            r"|kindergarten|preschool) (?:starts|begins|reopens|reopening|opens"
            r"|resumes|is (?:starting|reopening|back|opening|beginning)|starting)",
            r"start of (?:the )?(?:term|school|semester|school year|academic year"
            r"|classes|uni|college)",
            r"new (?:term|semester|school year)",
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
    r"(?:want|wanted|wanting|would (?:really )?(?:like|love|prefer)(?: to (?:have"
    r"|get|receive))?|(?:hoping|hoped|hope) to (?:have|get|receive)"
    r"|(?:hoping|hoped|planning|planned|counting on"
    r"|intended|meant|going) to (?:have|use|give|wear|bring|take|get)"
    r"|(?:bought|ordered|got|purchased) (?:it|this|them|these))"
)
WANT_FRAME = (
    r"(?:by|before|until|till|in time|as a|for(?! (?:next|same|one|two)[- ]day"
    r"| (?:express |standard |priority |tracked )?(?:delivery|shipping|postage)))"
)
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
        "card",
        "voucher",
        "credit",
        "discount",
        "apology",
        "call",
        "callback",
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
    r"(?:i|we) (?:have|need|got|have got) (?:\w+ ){0,3}to (?:ship|send|deliver|finish"
    r"|submit|hand in|open|launch|start|complete|set up|install|prepare|decorate"
    r"|wear|bring|use|fulfil|fulfill|pack|post|mail)(?: \w+){0,3} (?:by|before) "
    + _DATE,
    r"(?:ordered|bought|got|purchased|ordering|buying)(?: [\w']+){0,4} for"
    r" (?!(?:next|same|one|two|standard|express|expedited|priority)[- ]"
    r"|delivery|shipping|arrival|dispatch)(?:[\w']+ ){0,4}"
    + _DATE
    + r"(?! (?:delivery|shipping|arrival|dispatch))",
    r"for (?:\w+ ){0,4}(?:starting|start|starts|beginning|begins|opening|opens"
    r"|launching|launches|joining) (?:on )?" + _DATE,
    r"(?:a|my|our|the|i have a|we have a) (?:\w+ )?(?:\d+ ?(?:am|pm)|\d{1,2}(?::\d\d)"
    r") (?:appointment|meeting|flight|train|deadline|event)",
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
    r"work (?:laptop|computer|equipment|tools?|uniform|phone|boots|shoes|clothes"
    r"|clothing|outfit|gear|bag|trousers|shirts?|suit)",
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
    r"(?:knee|wrist|ankle|back|neck|leg|arm) (?:brace|support|splint)",
    r"braces?",
    r"splints?",
    r"(?:walking )?(?:cane|stick|boot)s? for (?:my|his|her) (?:injury|leg|foot|knee)",
    r"(?:blood pressure|glucose|heart rate) monitor",
    r"(?:doctor|physio|physiotherapist|nurse|therapist|dentist|surgeon|gp"
    r"|pharmacist|consultant|specialist|midwife|vet|optician) (?:said|says|told"
    r"|recommended|prescribed|wants|insisted)",
    r"(?:school|work|sports|team|nursing|scrub) uniforms?",
    r"scrubs",
    r"(?:classroom|school|medical|business|shop|packaging|shipping)"
    r" (?:supplies|materials|stock)",
    r"(?:lost|losing|lose) (?:\w+ )?(?:revenue|income|sales|business|money|customers"
    r"|clients|orders|wages|pay)",
    r"costing (?:me|us) (?:\w+ )?(?:money|business|customers|sales|clients|a fortune)",
    r"(?:we|i|shop|store|business|cafe|caf\u00e9|restaurant|salon|clinic) (?:have been"
    r"|are|were|had to|have had to|will have to|have to) (?:stay )?(?:closed|shut)",
    r"can not (?:operate|trade|take orders|fulfil orders|fulfill orders|serve"
    r" (?:customers|clients|patients))",
    r"(?:my|our) (?:customers|clients|patients|students|guests) are"
    r" (?:waiting|already|asking|messaging|complaining|expecting|relying)",
    r"(?:i|we) run (?:a |an |my |our )?(?:small |little |family )?(?:\w+ )?(?:shop"
    r"|business|store|company|cafe|caf\u00e9|restaurant|bakery|salon|practice|clinic"
    r"|studio|bar|pub|farm|stall)",
    r"new (?:hires|starters|employees|staff)",
    r"(?:can not|should not|could not|must not|unable to|not supposed to)"
    r" (?:\w+ ){1,4}without (?:it|them|this|these|that)",
    r"without (?:it|them) (?:he|she|they|my \w+) (?:can not|will|is|are)",
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
    r"|moved|changed|happened|this|nothing|delay)[.,!]* again",
    r"again[.,!]* (?:late|delayed|postponed|nothing|no update)",
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
    r"tensed",
    r"(?:am|feeling|so|very|really|getting|quite|bit|much) tense",
    r"freak\w* out",
    r"scared",
    r"terrified",
    r"frightened",
    r"petrified",
    r"afraid (?:for|of)",
    r"dread\w*",
    r"(?:losing|lose|lost) sleep",
    r"sleepless",
    r"can not (?:sleep|deal|cope|handle (?:this|it|that|any more))",
    r"overwhelm\w*",
    r"on edge",
    r"(?:at|near) breaking point",
    r"beside myself",
    r"sick to (?:my|the) stomach",
    r"heart (?:is )?(?:racing|pounding|sinking)",
    r"please,? please",
    r"begging (?:you|here)",
    r"i beg you",
    r"praying",
    r"how (?:is|was|are|can|could|does|did|has|have|do) (?:\w+ ){0,5}(?:even possible"
    r"|possible(?= ?[?!.]|$)|still|so hard|this hard|that hard)",
    r"how on earth",
    r"how in the (?:world|hell)",
    r"why (?:is|does|do|did|has|have|are|would|on earth|the hell) (?:\w+ ){0,4}"
    r"(?:keep|always|still|even|so hard|so long|taking so|happening)",
    r"what is (?:even )?(?:the point|going on here)",
    r"is (?:anyone|anybody|someone|somebody) (?:actually |even |ever |at all )?"
    r"(?:working|listening|reading|paying attention|awake|home|there|in charge)",
    r"(?:does|do) (?:anyone|anybody|you people|you guys) (?:there )?(?:actually |even"
    r" |ever )?(?:work|care|read|check|listen)",
    r"for the love of",
    r"good grief",
    r"wtaf",
    r"fml",
    r"effing",
    r"eff(?:ing)? off",
    r"fricken",
    r"fecking",
    r"bollocks",
    r"sodding",
    r"always (?:late|delayed|the same|something|an excuse|a problem)",
    r"every single time",
    r"(?:days|weeks|hours|times) (?:straight|in a row|on end|running)",
    r"costing (?:me|us)",
    r"(?:does not|do not|will not|can not) change (?:the fact )?that",
    r"(?:do not|did not) (?:even )?bother",
    r"not even (?:a |an |one )?(?:word|call|update|reply|email|response|apology)",
    r"absolute(?:ly)? (?:joke|shambles|disgrace|nightmare|disaster)",
    r"beyond (?:me|belief|a joke)",
    r"peeved",
    r"miffed",
    r"(?:i|we) give up",
    r"whatever(?= ?[.!]|$)",
    r"of course (?:it is|it was|it has been|it has) (?:late|delayed|lost|stuck|not"
    r"|still|missing)",
    r"not (?:surprised|surprising)",
    r"you (?:have |must have |probably |clearly |obviously )?lost (?:it|my|our|the)",
)

_PRAISE = (
    r"(?:great|brilliant|perfect|fantastic|wonderful|lovely|awesome|cool|nice"
    r"|super|amazing|excellent|marvell?ous|terrific|splendid|superb|incredible"
    r"|fabulous|stellar|outstanding)"
)
_REPEATED_PRAISE = tuple(
    pattern
    for word in _PRAISE[3:-1].split("|")
    for pattern in (
        rf"{word} ?[.!]+ (?:just |absolutely |simply |really |truly |totally )?{word}",
        rf"{word},? (?:just|absolutely|simply|truly|totally|real) {word}",
        rf"{word},? {word},? {word}",
    )
)

# Praise that means the opposite. It shows frustration, and it keeps a short
# "Great, just great." from reading as an acceptance.
SARCASM = (
    r"(?<!thank you )(?<!thanks )so much for",
    r"yeah right",
    r"what a (?:joke|surprise|shock|mess|farce)",
    r"bravo",
    r"slow clap",
    r"my (?:ass|foot)",
    r"(?:oh|just|how|wow|yeah|well) (?:great|perfect|wonderful|lovely|fantastic"
    r"|brilliant|awesome|nice|terrific|marvell?ous)",
    r"love (?:that|how) (?:i|you|it|my|nobody|no one)",
    r"thanks a lot for nothing",
    *_REPEATED_PRAISE,
    r"(?:^|(?<=[.!?] ))(?:incredible|unbelievable|impressive|classic|typical|shocker)"
    r"(?= ?[.!]|$)",
    r"love (?:that|this|it) for me",
)

# Upset phrases that carry their own negation; no further negation check.
FRUSTRATION_FIXED = (
    r"(?:this|it|that) is (?:not|no) (?:a )?(?:joke|laughing matter|game)",
    r"no joke",
    r"not funny",
    r"(?:f|s|sh|b|d|a|c|fu|fk|fck|bs)(?:\*{2,}[a-z]*|\*+[a-z]+)",
    r"(?:do not|does not|did not) (?:want|need) (?:a |another |your |the |to (?:talk"
    r"|speak|chat) (?:to|with) (?:a |an |the |your )?)?(?:bot|robot|chatbot|faq"
    r"|script|machine|canned|automated|copy)",
    r"not (?:very |too |at all |so |that |really |remotely |exactly |overly"
    r" |particularly )?(?:happy|pleased|satisfied|impressed|thrilled|amused"
    r"|acceptable|ok|fair|cool|good enough|funny|great)",
    r"not (?:a )?(?:happy|satisfied|pleased) (?:customer|camper|bunny)",
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
    r"(?:^|(?<=[.!?] ))seriously",
    r"come on(?= ?[!?.,]|$| guys| people| now| really| seriously)",
    r"really ?\?",
)

# A verdict on an offer ("not good enough"): in a terse reply it refuses
# without showing feelings; in a longer message it is part of a complaint.
FRUSTRATION_VERDICTS = (
    r"not (?:\w+ )?(?:ok|acceptable|fair|good enough|enough|sufficient)(?= ?[.!,]|$"
    r"| sorry| thanks| thank you| for me| i am afraid)",
    r"(?:i am |we are )?not (?:happy|satisfied|pleased) with (?:that|this|the|your)"
    r"(?: \w+)?(?: offer| gift card| card| amount| voucher| compensation)?"
    r"(?= ?[.!,]|$)",
)

# Punctuation and emoji that show exasperation.
FRUSTRATION_MARKS = (
    r"!{2,}",
    r"\?{2,}",
    r"\?!",
    r"!\?",
    r"[\U0001F620\U0001F621\U0001F624\U0001F92C\U0001F644\U0001F612\U0001F629"
    r"\U0001F62B\U0001F622\U0001F62D\U0001F4A2\U0001F61E\U0001F614\U0001F623"
    r"\U0001F616\U0001F92F\U0001F643\U0001F630\U0001F61F\U0001F625\U0001F628"
    r"\U0001F631\U0001F97A\U0001F62C\U0001F613\U0001F926\U0001F921\U0001FAE0"
    r"\U0001F615\U0001F641\u2639\U0001F4A9\U0001F595]",
    r">?:-?\(+",
    r"/s\b",
)

# Words a customer writes in capitals for emphasis rather than as a name:
# one of them in capitals is enough to sound exasperated ("it's day SIX").
EMPHASIS_WORDS = frozenset(
    "NEED NEEDED MUST STILL AGAIN NEVER NOTHING NOBODY NONE EVER ALWAYS ONLY"
    " NOW TODAY TONIGHT TOMORROW YESTERDAY WEEK WEEKS DAYS MONTH MONTHS HOURS"
    " MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY WEEKEND"
    " THIS THAT WHERE WHEN WHY WHAT HOW HELLO PLEASE HELP LATE LOST WRONG SAME"
    " EVERY SINGLE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN TWELVE"
    " SECOND THIRD FOURTH FIFTH TWICE AGES FOREVER STILL URGENT IMPORTANT"
    " BIRTHDAY WEDDING CHRISTMAS FUNERAL PROMISED GUARANTEED PAID EXPRESS"
    " NOT DONE ENOUGH REALLY SERIOUSLY".split()
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
    r"(?= ?[=:])",
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
    r"(?:someone|somebody) (?:real|in charge|senior|higher up|who can"
    r" (?:actually )?help|competent|with authority)",
    r"(?:someone|somebody) else(?= ?[.!?,]|$| please| who| here| there| to (?:talk"
    r"|speak|help|deal)| i can| that can| than you)",
    r"(?:get|want|need|let|have|find|send) (?:me )?(?:someone|somebody) else",
    r"higher up",
    r"(?:call|phone|ring) me(?: back)?",
    r"give me a (?:call|ring)",
    r"(?:is there|are there|is anyone) (?:a |any |anyone |someone |somebody )?"
    r"(?:human|real|person|people|actual|alive|there)",
)
# A message that is nothing but the name of a person to talk to ("agent").
WANTS_HUMAN_ALONE = (
    r"^(?:(?:an?|the|live|real|human|customer) )?(?:agent|representative|rep|operator"
    r"|customer (?:service|support|care)|support|help ?desk|person)(?: please| now"
    r"| pls)?(?= ?[.!?]*$)",
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
    r"(?:box|package|parcel|item|items|contents?|product|glass|screen|bottle|order)"
    r"(?: \w+){0,2} (?:is|was|were|are|arrived|came) (?:\w+ )?(?:damaged|broken"
    r"|crushed|smashed|torn|wet|ripped|dented|cracked|shattered|leaking|leaked"
    r"|ruined|destroyed|bent|scratched|in pieces)",
    r"(?:smashed|broken|shattered) (?:to|in|into) (?:pieces|bits|smithereens)",
    r"(?:not|is not|was not|are not|were not|nothing like) what (?:i|we)"
    r" (?:ordered|bought|paid for|purchased)",
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
_CLOSING_AFTER_NO = (
    r"(?! ?[,.!]* ?(?:that is (?:all|everything|it)|that will be (?:all|it)|that was"
    r" (?:all|it)|all good|i am (?:good|fine|ok|all set|sorted)|we are (?:good|fine"
    r"|ok|all set|sorted)|nothing else|all set|that should be (?:all|it)|all sorted"
    r"|i think that is (?:all|it|everything)|(?:that is|it is) (?:fine|ok|all good)"
    r" (?:thanks|thank you)))"
)
DECLINE = (
    r"^(?:(?:yeah|yea|yes|yep|ok|um|uh|hmm|well|oh|ah|ugh|erm|sorry),? )?(?:no|nope|nah"
    r"|naw|nay)" + _CLOSING_AFTER_NO + r"(?: ?[,.!]|\s+(?:thanks|thank you|thank|way"
    r"|deal|sorry|i|that|it|this|we|not|please)\b| ?$)",
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
    r"(?:^|(?:that|this|it|which|offer|card|voucher|credit|amount|suggestion|idea)"
    r" )(?:does not|do not|will not|would not) (?:really )?(?:work|sound (?:good|right"
    r"|fair|ok))(?! (?:properly|at all|on|in|with))",
    r"disagree",
    r"(?:that|this) is not what i (?:want|asked for|need)",
)
# Judgements that refuse an offer only when they are the whole reply
# ("that's not ok"); in a long message they are a complaint.
DECLINE_SHORT = (
    r"(?:^|(?<=[.!?] ))(?:no|nope|nah|no way|no thanks|no thank you)(?= ?[.!]|$)",
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
# An approval that opens the message as a sentence of its own ("Fine, yes.
# But ..."): an answer to the offer whatever follows.
ACCEPT_OPENING = (
    r"^(?:(?:oh|well|ok|hmm|um|uh|ah) ?,? )?(?:yes|yeah|yep|yup|ok|sure|fine|alright"
    r"|all right|deal|agreed|okay then|very well)(?:,? (?:yes|yeah|ok|fine|sure|then"
    r"|please|i guess|whatever|go on))*(?= ?[.!]+(?: |$))",
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
    r"all good",
    r"(?:thanks|thank you|ta|cheers) (?:again|anyway|all the same)",
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
    r"that is everything",
    r"(?:that is|that will be|that was) (?:it|all) (?:for (?:now|today)|thanks|thank"
    r" you)",
)

# A message that asks about the package rather than answering an offer:
# judgements and thanks in it are part of the question, not a reply.
PACKAGE_QUESTION = (
    r"where (?:is|are|the hell is|on earth is) (?:it|they|my|the|this|our)",
    r"when (?:will|is|does|do|are|can) (?:it|they|my|the|this|our|i)",
    r"(?:any|an|for an|some) (?:update|news|information)",
    r"following up",
    r"(?:check|look into|track|locate|find) (?:on )?(?:it|my|the|where)",
    r"what is (?:happening|going on) with",
)
