"""The texts of the tokenizer golden file, by kind. `python3 texts.py > texts.json` rewrites texts.json.

Kept free of HTML entities and mojibake (the CLIP reference decodes entities; ftfy is not run anywhere),
and of U+FEFF (JavaScript's \\s has it, Oniguruma's does not).
"""
import json

english = [
    "Ama Dablam at dawn", "prayer flags", "a yak on a suspension bridge", "Everest base camp tents",
    "sunrise over Lhotse", "the Khumbu icefall", "Sherpa porters carrying loads", "a tea house in Namche Bazaar",
    "clouds below the summit", "a glacier lake", "Gokyo Ri viewpoint", "snow leopard tracks",
    "a mani stone wall", "rhododendron forest in spring", "Tengboche monastery", "climbers on a ridge",
    "the north face at night", "milky way above the tents", "a frozen waterfall", "moraine and scree",
    "photo of a dog", "A PHOTO OF A CAT", "two people hiking", "crampons and an ice axe", "helicopter rescue",
    "stupa with eyes", "blue sky, no clouds", "golden hour light", "alpenglow on the peaks", "fog in the valley",
    "a red tent", "the trail to Kala Patthar", "Pumori and Nuptse", "selfie at the pass", "a bowl of dal bhat",
    "yaks grazing near Dingboche", "a wooden bridge over the Dudh Kosi", "I'm at the top", "it's cold",
    "we're lost", "they've arrived", "you'll see", "he'd go", "don't stop", "Let's GO", "rock'n'roll",
    "the quick brown fox jumps over the lazy dog", "A", "a", "I", "ok", "x", "hello world",
    "Hello, World!", "hello\tworld", "supercalifragilisticexpialidocious", "antidisestablishmentarianism",
    "pneumonoultramicroscopicsilicovolcanoconiosis", "mountain mountains mountaineering mountaineer",
    "Mt. Everest (8,849 m)", "camp_2 at 6400m", "snake_case_words and kebab-case-words", "CamelCaseWords",
    "iPhone 15 Pro Max", "HEIC vs JPEG", "f/8 1/250s ISO100", "DSC_0042.JPG", "IMG_1234.HEIC",
]
diacritics = [
    "café crème brûlée", "naïve façade", "Ångström", "Smörgåsbord", "Straße über Brücke", "Zürich Hauptbahnhof",
    "Ærøskøbing", "Þingvellir", "Łódź", "Kraków zamek", "Příbram", "Čeština je těžká", "São Paulo", "coração",
    "Việt Nam đẹp lắm", "Phở bò tái", "İstanbul", "ISTANBUL İZMİR", "Iğdır ılık", "DİYARBAKIR",
    "piñata jalapeño", "mañana", "Ça va?", "Noël", "Chamonix-Mont-Blanc", "Grossglockner Großglockner",
    "Dürrenstein", "Ö Ä Ü ö ä ü ß ẞ", "e\u0301te\u0301 (decomposed)", "Å vs A\u030a", "ﬁnance ﬂow",
    "Ｆｕｌｌｗｉｄｔｈ ｌｅｔｔｅｒｓ", "ℌ𝔢𝔩𝔩𝔬 math letters", "ǅ ǆ Ǆ titlecase", "Ǆemal",
]
devanagari = [
    "सगरमाथा", "नमस्ते", "हिमालय पर्वत", "एवरेस्ट बेस कैंप", "प्रार्थना झंडे", "नेपाल की राजधानी काठमांडू है",
    "मेरा नाम राम है", "आमा डब्लम", "पहाड़ों में सूर्योदय", "क्षत्रिय", "श्री", "ज्ञान", "हिन्दी भाषा",
    "१२३४५ नेपाली अंक", "ॐ मणि पद्मे हुं", "खुम्बु हिमनदी", "लोत्से", "शेर्पा", "याक", "नाम्चे बजार",
]
chinese = [
    "珠穆朗玛峰", "喜马拉雅山脉", "经幡在风中飘扬", "日出时的雪山", "我爱北京天安门", "山上有一座寺庙",
    "冰川湖泊", "牦牛", "登山者在山脊上", "尼泊尔", "中文测试", "繁體中文測試", "臺灣高山", "雲海與日落",
    "這是一張照片", "一二三四五六七八九十", "春眠不觉晓，处处闻啼鸟。", "你好，世界！", "山", "珠峰大本营",
]
japanese = [
    "富士山", "エベレスト", "こんにちは世界", "山の写真", "日の出と雪山", "ヒマラヤ山脈のトレッキング",
    "ｶﾀｶﾅ ﾊﾝｶｸ", "東京タワー", "おにぎりを食べた", "テント場から見た星空", "ありがとうございます",
    "氷河湖", "ネパールのシェルパ", "ゴーキョ・リ", "ひらがな", "カタカナ", "漢字とかなの混じり文",
    "ラーメン🍜", "日本語のテキスト。句読点、あり。", "ー〜・「」『』",
]
korean = [
    "에베레스트", "안녕하세요", "산 사진", "히말라야 트레킹", "일출과 설산", "네팔의 셰르파", "빙하 호수",
    "한국어 텍스트", "서울 타워", "기도 깃발", "베이스 캠프", "ㄱㄴㄷ ㅏㅑㅓ", "한글과 漢字", "감사합니다!",
    "야크가 다리를 건넌다",
]
cyrillic = [
    "Эверест", "Привет, мир!", "горы на рассвете", "молитвенные флаги", "базовый лагерь", "ледник Кхумбу",
    "ПРОПИСНЫЕ БУКВЫ", "Україна, Київ", "Їжак і ґанок", "Србија и Београд", "Ђорђе Љубљана Њујорк",
    "Ёлка ёжик", "Білорусь", "Қазақстан", "монгол хэл", "Съешь же ещё этих мягких французских булок",
    "фото собаки", "як на мосту", "Эльбрус 5642 м", "Казбек",
]
arabic = [
    "مرحبا بالعالم", "جبل إفرست", "أعلام الصلاة", "شروق الشمس على الجبال", "السلام عليكم", "اللغة العربية",
    "١٢٣٤٥٦٧٨٩٠", "كتاب", "فارسی زبان", "کوه دماوند", "اردو زبان", "پاکستان", "مخيم القاعدة", "ثلج وجليد",
    "مَرْحَبًا",
]
greek = [
    "Όλυμπος", "Καλημέρα κόσμε", "ΟΔΥΣΣΕΥΣ", "ΣΑΣ ΛΕΩ", "ΣΟΦΟΣ ΚΑΙ ΣΟΦΙΑ", "Σ", "ΑΣ", "ΑΣ.", "ΑΣ'Α",
    "ΑΣ-ΒΑΣ", "αΣα", "ΑΣ\u0301", "Ελλάδα", "φωτογραφία βουνού", "ἀρχὴ ἥμισυ παντός", "Μ Σ",
    "ΚΑΛΟΣ ΚΑΓΑΘΟΣ", "ἈΘΗΝᾶ",
]
emoji = [
    "🏔️", "⛰️ mountain", "🏔 no variation selector", "🙏 prayer", "👨‍👩‍👧‍👦 family", "🇳🇵 flag of Nepal",
    "🇨🇭🇫🇷🇮🇹", "👍🏽 thumbs up", "❤️❤", "🧗‍♀️ climber", "⛺🌄🌌", "😀😃😄😁", "🐐🐑🐂", "🔥🔥🔥",
    "☀️ sunny ☁️ cloudy", "🗻 Fuji", "📷 camera", "🥾 boots", "❄️ snow ❄", "🏳️‍🌈", "1️⃣ 2️⃣ #️⃣",
    "emoji🏔️without spaces🙏here",
]
numbers = [
    "8848", "8,848.86 m", "29032 ft", "2023-10-14", "14/10/2023", "10/14/23", "Oct 14, 2023", "14 October 2023",
    "07:45", "07:45:12.5", "27.9881° N, 86.9250° E", "27°59′17″N 86°55′31″E", "-40°C", "+5 °C", "1e6",
    "3.14159265358979", "1,000,000", "1 000 000", "½ ¼ ¾", "²³", "①②③", "Ⅻ", "0x1F", "100%", "$5.00",
    "€12,50", "₹500", "¥1000", "12345678901234567890", "v1.2.3", "5km", "5 km", "No. 7", "#42", "2nd 3rd 4th",
    "٣ ۴ ৫ ๖",
]
punctuation = [
    "!!!", "???", "...", "…", "—", "–", "-", "--", "'", '"', "''", "``", "“smart quotes”", "‘single’",
    "«guillemets»", "(parentheses)", "[brackets]", "{braces}", "a,b;c:d", "end.", "wait... what?!",
    "e-mail@example.com", "https://example.com/path?q=1&r=2", "C:\\Users\\photo", "/home/user/photos",
    "#hashtag @mention", "50/50", "a+b=c", "x*y^z", "~tilde~", "pipe|pipe", "under_score", "back`tick",
    "ü-ber!", "¿Qué? ¡Sí!", "。、！？", "『』【】", "§ ¶ † ‡", "© ® ™", "• · ‧", "«»‹›", "%$#@!",
]
whitespace = [
    "  leading spaces", "trailing spaces   ", "  both  ", "many     spaces     between", "tab\tseparated",
    "new\nline", "crlf\r\nline", "vertical\x0btab", "form\x0cfeed", "file\x1cgroup\x1drecord\x1eunit\x1fsep",
    "next\x85line", "no\u00a0break", "ideographic\u3000space", "line\u2028separator", "para\u2029separator",
    "en\u2002em\u2003thin\u2009space", "zero\u200bwidth", "ogham\u1680space", " ", "\t\n", "",
]
specials = [
    "<pad>", "<bos>", "<eos>", "<unk>", "<mask>", "hello <pad> world", "<bos>mountain<eos>", "<PAD>",
    "< pad >", "<pad><pad><pad>", "text<pad>", "<start_of_turn>user", "<end_of_turn>", "<unused0>",
    "<unused99>x", "</code>", "<code>print</code>", "<|startoftext|>", "<|endoftext|>",
    "a <|endoftext|> b", "<|STARTOFTEXT|>", "<|startoftext|>photo<|endoftext|>", "[@BOS@]", "<2mass>",
    "<table>", "<h1>title</h1>", "<0x41>", "<s> </s>", "[CLS] [SEP]",
]
mixed = [
    "Mount Everest (Sagarmatha, सगरमाथा; Chomolungma, ཇོ་མོ་གླང་མ; 珠穆朗玛峰)", "ཨོཾ་མ་ཎི་པདྨེ་ཧཱུྃ",
    "བོད་ཡིག", "שלום עולם", "הר החרמון", "สวัสดีครับ", "ภูเขาหิมะ", "Հայաստան", "Արարատ", "საქართველო",
    "ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ mtavruli", "ᏣᎳᎩ Cherokee", "ꮳꮃꭹ", "አማርኛ", "தமிழ்", "తెలుగు", "ಕನ್ನಡ", "മലയാളം",
    "বাংলা", "ગુજરાતી", "ਪੰਜਾਬੀ", "සිංහල", "ខ្មែរ", "ລາວ", "မြန်မာ", "ᠮᠣᠩᠭᠣᠯ", "Ⲙⲟⲩⲛⲧⲁⲓⲛ",
    "𐌰𐌱𐌲 gothic", "𝕄𝕠𝕦𝕟𝕥𝕒𝕚𝕟", "∑∏∫√∞≠≤≥", "→←↑↓⇒", "♠♣♥♦", "░▒▓█", "漢字and English混合",
    "Ama Dablam आमा डब्लम 阿玛达布拉姆峰", "Kangtega कङ्तेगा", "Cho Oyu 卓奥友峰 चो ओयु",
    "Ünïcödé Çhäràçtérs", "ÀÉÎÕÜ àéîõü", "ﷺ", "𒀀𒀁", "\U0001F9D7\u200D\u2642\uFE0F", "a\u0300\u0301\u0302",
    "e\u0308\u0304", "\u0301leading mark", "Zalgo t\u0337e\u0336x\u0335t", "ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ",
]

long_base = [
    "A long trek from Lukla through Phakding and Namche Bazaar to Tengboche, Dingboche, Lobuche, Gorak Shep "
    "and finally Everest Base Camp, with side trips to Kala Patthar, Chhukung Ri and the Gokyo lakes, "
    "crossing the Cho La pass in fresh snow while yaks carried our bags and the porters sang.",
    "हिमालय पर्वत श्रृंखला एशिया में स्थित है और इसमें दुनिया की सबसे ऊँची चोटियाँ हैं, जिनमें माउंट एवरेस्ट, "
    "कंचनजंगा, ल्होत्से और मकालू शामिल हैं; यहाँ के शेर्पा लोग पर्वतारोहण में प्रसिद्ध हैं।",
    "珠穆朗玛峰是喜马拉雅山脉的主峰，位于中国与尼泊尔边境线上，它的北坡在中国西藏定日县境内，南坡在尼泊尔境内，"
    "海拔八千八百四十八点八六米，是世界最高峰。登山者通常从南坡或北坡攀登。",
    "Эверест — высочайшая вершина Земли, расположенная в Гималаях на границе Непала и Китая; "
    "первое подтверждённое восхождение совершили Эдмунд Хиллари и Тенцинг Норгей в 1953 году.",
    "🏔️🙏⛺🌄🌌🥾❄️🔥📷🐂 " * 6,
    "word " * 80,
    "a" * 300,
    "1234567890" * 12,
    "<pad> " * 70,
    "Ama Dablam, Pumori, Nuptse, Lhotse, Makalu, Cho Oyu, Kangtega, Thamserku, Taboche, Cholatse, "
    "Island Peak, Lobuche East, Mera Peak, Kongde Ri, Kusum Kanguru, Baruntse, Chamlang, Ama Dablam again, "
    "and the whole Khumbu skyline at sunset with long shadows across the valley floor and the glacier below.",
    "Καλημέρα σας! Σήμερα ανεβαίνουμε στον Όλυμπο, το ψηλότερο βουνό της Ελλάδας, με τους φίλους μας ΚΑΙ ΤΟΥΣ "
    "ΟΔΗΓΟΥΣ ΜΑΣ, και θα φωτογραφίσουμε την ανατολή του ηλίου πάνω από τα σύννεφα.",
]


def all_texts():
    out = []
    for group in (english, diacritics, devanagari, chinese, japanese, korean, cyrillic, arabic, greek, emoji,
                  numbers, punctuation, whitespace, specials, mixed, long_base):
        out.extend(group)
    seen, unique = set(), []
    for t in out:
        if t not in seen:
            seen.add(t)
            unique.append(t)
    return unique


if __name__ == "__main__":
    print(json.dumps(all_texts(), ensure_ascii=False, indent=0))
