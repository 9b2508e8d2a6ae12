"""The notes of 19 October 2022, from ``shared/seeds/004_0ee1875f1cad063e.txt``.

The notes do not say when the chair approved them; the demo dates the approval two weeks after the
meeting.
"""

import datetime

NOTED = "SRO noterar informationen."

MEETING = {
    "date": datetime.date(2022, 10, 19),
    "start_time": datetime.time(13, 0),
    "end_time": datetime.time(14, 30),
    "form": "digital",
    "location": "Teamsmöte",
    "kind": "ordinary",
    "status": "held",
}

APPROVED_BY = ("Johnny", "Magnusson")
APPROVED_AT = datetime.datetime(2022, 11, 2, 10, 0)

# (first, last, description, present)
INVITED = [
    ("Peter", "Amundin", "enhetschef Läkemedel och hjälpmedel VGR", False),
    ("Maria", "Hellström Berhe", "strateg Ledning VGR", True),
    ("Emma", "Övelius", "Lumell Associates", True),
    ("Lena", "Holmlund", "Göteborgsregionen", True),
]

# Everyone else called was present. (first, last): (status, note, substitute)
ATTENDANCE_EXCEPTIONS = {
    ("Axel", "Josefsson"): ("absent", "", None),
    ("Anna-Karin", "Skatt"): ("absent", "", None),
    ("Kerstin", "Brunnström"): ("absent", "hade ej fått kallelsen", None),
    ("Magnus", "Haggren"): ("partly", "efter 13.30", ("Helen", "Nordling")),
}

ITEM_4_TEXT = """<p><strong>Vad har hänt i processen?</strong></p>
<p>Det har genomförts extra möten på grund av att reviderat förslag till Hälso- och sjukvårdsavtalet inte antas i några av Västra Götalands kommuner:</p>
<ul>
<li>Extrainsatt möte med SRO den 16 september 2022<br>VästKom och Västra Götalandsregionen fick i uppdrag att tillsammans ta fram ett förslag till förlängning av överenskommelse för in- och utskrivning från sluten hälso- och sjukvård.</li>
<li>Dialogmöte med Göteborgsregionens kommuner den 22 september 2022</li>
<li>Uppföljande extramöte med SRO den 29 september 2022</li>
<li>Avstämningsmöte med presidiet inför SRO den 3 oktober 2022<br>VästKom fick i uppdrag att ta fram ett förslag utifrån vad kommunerna vill.</li>
</ul>
<p><strong>Vad händer härnäst?</strong></p>
<p>Nu inväntas vad som kommer att tas fram i samråd med kommunerna. Överenskommelse för in- och utskrivning från sluten hälso- och sjukvård är under bearbetning och det förväntas komma upp ett förslag till beslut innan årsskiftet 2022-2023. I frågan gällande hälso- och sjukvårdsavtalet finns det ingen tidplan i nuläget.</p>"""

ITEM_5_TEXT = """<p>Under tiden som hälso- och sjukvårdsavtalet har löpt på har Överenskommelse om samverkan vid in- och utskrivning från sluten hälso- och sjukvård ej förlängts men huvudmännen har hela tiden arbetat utifrån att det har varit giltigt. I och med att det nya Hälso- och sjukvårdsavtalet dröjer behöver det skrivas på en ny överenskommelse.</p>
<p><strong>Mindre justeringar i texten för anpassning till aktuell verklighet</strong></p>
<p>Tjänstepersoner från Västkom och Västra Götalandsregionen har gått igenom överenskommelsen där det har gjorts mindre justeringar i texten för att den ska stämma överens med aktuell verklighet. Dokumentet är just nu hos jurist inom Västra Götalandsregionen för genomgång. Förslaget innebär en förlängning av överenskommelsen till och med 2024-12-31.</p>
<p>Fortsatt hantering av ärendet:</p>
<ul>
<li>19 oktober - till Ledningsrådet för samordnad hälsa, vård och omsorg för beslut.</li>
<li>27 oktober - till Vårdsamverkan Västra Götaland för ställningstagande.</li>
<li>24 november - till politiskt samrådsorgan SRO för slutligt ställningstagande.</li>
</ul>"""

ITEM_6_BODY = """<ul>
<li>Ledningsråd medicintekniska produkter (MTP)</li>
<li>Politisk beredningsgrupp MTP</li>
</ul>"""

ITEM_6_TEXT = """<p>Det pågår ett gemensamt arbete kring digitala hjälpmedel i samverkan mellan kommun och region. Det finns redan i dag ett samarbete mellan alla huvudmännen kring hjälpmedel och målsättningen är att öka det samarbetet. I dagsläget är det 42 kommuner och Västra Götalandsregionen som fattat beslut om att finnas med i samarbetet kring digitala hjälpmedel.</p>
<p><strong>Tillsatt arbetsgrupp ser behov av justerat uppdrag och namn</strong></p>
<p>Parallellt med arbetet har Ledningsråd Medicintekniska produkter (ledningsrådet) tillsatt en arbetsgrupp som under våren arbetat med hur arbetet ska struktureras. Arbetsgruppen har arbetat både med strukturen kring uppdrag för ledningsrådet och för den politiska beredningsgruppen och kommit fram till justerade uppdragsbeskrivningar. Då sortimentet kommer breddas med produkter inom socialtjänsten finns ett behov av att justera namnen på ledningsråd och beredningsgrupp så att de bättre speglar det nya sortimentet.</p>
<p><strong>Två nytillkomna avtal som går direkt till huvudmännen för beslut</strong></p>
<p>Ledningsrådet och arbetsgruppen har tagit fram de avtal som behövs för att verkställa samarbetsavtalet och här tillkommer ett tilläggsavtal för personliga hjälpmedel och ett nytt försäljningsavtal till de produkter som gäller socialtjänst. Dessa avtal ligger under det övergripande huvudavtalet och är mycket lika de avtal som redan finns i dag och är väl genomlysta av jurister från både regionen och kommunerna. Det behövs därför inget nytt politiskt beslut för de tillkommande avtalen utan de går direkt till huvudmännen för beslut.</p>
<p>Samverkansavtalet omfattar en gemensam investeringen på totalt 34 miljoner från kommuner och regionen och den ekonomiska modellen har tagits fram och hanteras av ledningsrådet.</p>"""

ITEM_6_QA = [
    (
        "Kommer dessa nya strukturer innebära mer bemanning eller resurser?",
        "Det kommer bland annat innebära representation från varje kommunalförbund, från Göteborgsregionen och "
        "från Västra Götalandsregionen in i ny beredningsgrupp - Beredningsgrupp handbok och sortiment "
        "socialtjänst.",
    ),
    (
        "Finns det plan på uppföljning och utvärdering?",
        "Det finns plan för uppföljning och utvärdering i projektplanen för nästa år.",
    ),
    (
        "Hur ser planen ut för att kommunicera ut informationen till invånarna?",
        "Det finns ingen plan för detta än men det är en viktig del som vi behöver lägga stort fokus på. "
        "Det blir troligen aktuellt efter sommaren 2023.",
    ),
    (
        "Hur ligger vi i jämförelse med övriga landet när det gäller tillgången till hjälpmedel?",
        "Beredningsgruppen har haft en omvärldsbevakning och ni kan få en dragning av den i början på nästa år.",
    ),
    (
        "Vilken politisk beredning eller vilka grupper behöver vi inför nästa mandatperiod? Ska den politiska "
        "beredningsgruppen ses över kopplat till att man ser över den övriga politiska strukturen?",
        "",
    ),
]

ITEM_6_POSITION = (
    "SRO ställer sig bakom justerade uppdrag och namn inom samarbetsorganisationen för hjälpmedel och "
    "rekommenderar huvudmännen att besluta i enlighet med förslaget:"
)
ITEM_6_CLAUSES = [
    "Det politiska samrådsorganet beslutar att byta namn på Ledningsråd Medicintekniska produkter (MTP) till "
    "Ledningsråd för hjälpmedel.",
    "Det politiska samrådsorganet beslutar att byta namn på Politisk beredningsgrupp MTP till Politisk "
    "beredningsgrupp för hjälpmedel.",
    "Det politiska samrådsorganet beslutar att godkänna förslaget på reviderad uppdragsbeskrivning för "
    "Ledningsrådet för hjälpmedel (tidigare Ledningsråd Medicintekniska produkter).",
    "Det politiska samrådsorganet beslutar att godkänna förslaget på reviderad uppdragsbeskrivning för Politisk "
    "beredningsgrupp för hjälpmedel (tidigare Politisk beredningsgrupp MTP).",
]

ITEM_7_TEXT = """<p>Innan sommaren beslutades det om en ny politisk organisation och utifrån denna förändring ser man även över uppdraget för det politiska samrådsorganet, SRO.</p>
<p><strong>Den nya organisationen</strong></p>
<p>Västra Götalandsregionens önskan i översynen av SRO är:</p>
<ul>
<li>att tydliggöra rollen som en beredning under Regionstyrelsen.</li>
<li>att beredningens övergripande uppdrag är att vara en gemensam yta mellan Regionstyrelsen, sjukvårdsnämnder, delregionala nämnder och kommuner för att bland annat utveckla, koordinera och samordna den delregionala samverkan.</li>
<li>att beredningen är en gemensam yta för dialog om hur vårdutbudet förhåller sig till fastställda strategier och uppdrag.</li>
<li>att säkerställa nuvarande uppdrag om att bereda gemensamma måldokument, strategiska planer och avtal.</li>
</ul>
<p>Dagens SRO är en mycket organisatoriskt smalare organisation eftersom det inte finns några delregionala dialoguppdrag.</p>
<p><strong>Nästa steg</strong></p>
<p>Hur ser SRO på önskan om att utveckla forumet? Hur kan vi förstärka upp SRO så att vi möter upp de förändringar som sker?</p>"""

ITEM_7_QA = [
    "En iakttagelse som gjorts är att det finns bra samarbetsformer kring hårda frågor som exempelvis "
    "infrastruktur och kollektivtrafik i Beredning för hållbar utveckling (BHU). De mjuka frågorna har inte "
    "hittat sin plats eftersom många inte arbetar dagligen med dessa frågor.",
    "Det finns en risk att det blir otydligt med fem delregionala nämnder.",
    "Förr var det mer fokus på partsfrågor och avtal och med åren har det blivit mer arbete åt samverkan och "
    "samarbetsfrågor. Hur ser vi på helheten och strukturen? Hur ska det fungera delregionalt och hur kuggar "
    "vi i varandra?",
    "Om vi ska ha en väl fungerande samverkan finns det ett värde i att samverkan blir effektivare: att vi har "
    "rätt personer på rätt plats och rätt frågor på rätt nivå.",
    "Vi behöver tänka över så att vi inte får dubbla arbetsprocesser – att frågorna hanteras på olika ställen "
    "flera gånger. Det är lättare att bli ouppmärksam om frågorna dras i långbänk och tjänstepersonsansvaret "
    "hamnar på politikerna. Politikerna behöver få spetsfrågorna som det ska beslutas om, resten är "
    "tjänstepersonsansvar.",
    "När vi kör fast i tjänstepersonsverksamheten landar arbetet tillbaka på politiken.",
    "Vi behöver sortera ner så mycket som möjligt till delregional nivå. Hur får vi rätt personerna från "
    "kommunerna som arbetar med frågorna? Och hur får vi rätt politiker från kommunerna in till ett sådant "
    "samarbetsforum?",
    "Vilka frågor har vi framåt de närmaste fyra åren och i vilka forum gör vi det bästa arbetet? Vi behöver "
    "tillsammans hitta en linje.",
]

ITEM_7_AFTER = (
    "<p>De fyra kommunalförbunden och Västkom tar med sig informationen om den nya politiska organisationen "
    "och återkommer med en samlad återkoppling till SRO.</p>"
)

ITEM_8_TEXT = """<p>Förslag till mötesdagar är de föreslagna torsdagar som presidiet för Beredning för hållbar utveckling (BHU) sammanträder under år 2023. Tiden är 13.00-15.00.</p>
<ul>
<li>12 januari</li>
<li>23 februari</li>
<li>28 april (fredag)</li>
<li>1 juni (möte enbart för SRO)</li>
<li>7 september</li>
<li>23 november</li>
</ul>
<p>Januarimötet utgår då nya förtroendevalda inte hunnit tillträda. Möjlighet till extramöte finns vid behov. Sekreterare Johanna föreslår ändrad sluttid till klockan 14.50 i stället för 15.00 för tid till återhämtning innan nästa eventuella möte.</p>
<p>I samband med sista punkten tackar ordförande Johnny Magnusson för gott samarbete under hans tid som ordförande och önskar det politiska samarbetsorganet SRO lycka till med arbetet framåt.</p>"""

AGENDA = [
    {
        "kind": "standing",
        "title": "Mötets öppnande",
        "standing": "opening",
        "show_time": False,
        "children": [
            {"kind": "standing", "standing": "attendance", "title": "närvaro/upprop"},
            {
                "kind": "standing",
                "standing": "other_questions",
                "title": "övriga frågor",
                "notes": "<p>Inga övriga frågor.</p>",
            },
        ],
    },
    {
        "kind": "standing",
        "title": "Godkännande av dagens agenda",
        "standing": "agenda_approval",
        "show_time": False,
        "notes": "<p>Dagens agenda godkändes.</p>",
    },
    {
        "kind": "standing",
        "title": "Föregående mötesanteckning",
        "standing": "previous_minutes",
        "show_time": False,
        "notes": "<p>Inga synpunkter på föregående mötesanteckning.</p>",
    },
    {
        "kind": "information",
        "title": (
            "Återkoppling från samtal med kommunerna i Göteborgsregionen gällande Färdplan Länsgemensam strategi "
            "för god och nära vård och Hälso- och sjukvårdsavtalet med tillhörande överenskommelser"
        ),
        "minutes": 10,
        "matter": "Nytt hälso- och sjukvårdsavtal",
        "presenters": [("Erik", "Lindskog", "VästKom")],
        "notes": ITEM_4_TEXT,
        "position": NOTED,
        "noted": True,
    },
    {
        "kind": "information",
        "title": (
            "Information om förlängning av Överenskommelse om samverkan vid in- och utskrivning från sluten "
            "hälso- och sjukvård"
        ),
        "minutes": 5,
        "matter": "Överenskommelse om samverkan vid in- och utskrivning från sluten hälso- och sjukvård",
        "presenters": [("Anneli", "Assmundson Bjerde", "VästKom"), ("Ann-Katrin", "Schutz", "VGR")],
        "notes": ITEM_5_TEXT,
        "position": NOTED,
        "noted": True,
    },
    {
        "kind": "position",
        "kind_note": "bilaga",
        "title": "Ställningstagande till justerade uppdrag och namn inom samarbetsorganisationen för hjälpmedel:",
        "minutes": 15,
        "matter": "Samarbetsorganisationen för hjälpmedel",
        "presenters": [("Anneli", "Assmundson Bjerde", "VästKom"), ("Emma", "Övelius", "Lumell Associates")],
        "body": ITEM_6_BODY,
        "notes": ITEM_6_TEXT,
        "questions": ITEM_6_QA,
        "position": ITEM_6_POSITION,
        "clauses": ITEM_6_CLAUSES,
    },
    {
        "kind": "information_dialog",
        "title": "Förslag till Beredning för sammanhållen hälso- och sjukvård",
        "minutes": 30,
        "matter": "Översyn av SRO:s uppdrag",
        "presenters": [("Johnny", "Magnusson", "Regionstyrelsen"), ("Maria", "Hellström Berhe", "VGR")],
        "notes": ITEM_7_TEXT,
        "questions": [(remark, "") for remark in ITEM_7_QA],
        "notes_after": ITEM_7_AFTER,
        "position": NOTED,
        "noted": True,
    },
    {
        "kind": "information",
        "title": "Datum och tider för SRO år 2023",
        "minutes": 5,
        "presenters": [("Johanna", "Karlsson Deucher", "sekreterare")],
        "notes": ITEM_8_TEXT,
        "position": "SRO noterar informationen med justering att januarimötet utgår och med tio minuter förkortad mötestid.",
    },
]
