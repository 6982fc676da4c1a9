package model

import "strings"

// Immich passes the user's language with every text query; only its NLLB models use it, by putting the
// language's FLORES-200 code straight in front of the cleaned text (machine-learning's clip/textual.py).

// floresCode maps a Weblate language code to FLORES-200 as Immich does: the code itself, then the code
// without its region, then English.
func floresCode(language string) string {
	if code, ok := weblateToFlores200[language]; ok {
		return code
	}
	if code, ok := weblateToFlores200[strings.Split(language, "-")[0]]; ok {
		return code
	}
	return "eng_Latn"
}

// weblateToFlores200 is Immich's WEBLATE_TO_FLORES200 (machine-learning/immich_ml/models/constants.py).
var weblateToFlores200 = map[string]string{
	"af": "afr_Latn", "ar": "arb_Arab", "az": "azj_Latn", "be": "bel_Cyrl", "bg": "bul_Cyrl", "ca": "cat_Latn",
	"cs": "ces_Latn", "da": "dan_Latn", "de": "deu_Latn", "el": "ell_Grek", "en": "eng_Latn", "es": "spa_Latn",
	"et": "est_Latn", "fa": "pes_Arab", "fi": "fin_Latn", "fr": "fra_Latn", "he": "heb_Hebr", "hi": "hin_Deva",
	"hr": "hrv_Latn", "hu": "hun_Latn", "hy": "hye_Armn", "id": "ind_Latn", "it": "ita_Latn", "ja": "jpn_Hira",
	"kmr": "kmr_Latn", "ko": "kor_Hang", "lb": "ltz_Latn", "lt": "lit_Latn", "lv": "lav_Latn", "mfa": "zsm_Latn",
	"mk": "mkd_Cyrl", "mn": "khk_Cyrl", "mr": "mar_Deva", "ms": "zsm_Latn", "nb-NO": "nob_Latn", "nn": "nno_Latn",
	"nl": "nld_Latn", "pl": "pol_Latn", "pt-BR": "por_Latn", "pt": "por_Latn", "ro": "ron_Latn", "ru": "rus_Cyrl",
	"sk": "slk_Latn", "sl": "slv_Latn", "sr-Cyrl": "srp_Cyrl", "sv": "swe_Latn", "ta": "tam_Taml", "te": "tel_Telu",
	"th": "tha_Thai", "tr": "tur_Latn", "uk": "ukr_Cyrl", "ur": "urd_Arab", "vi": "vie_Latn", "zh-CN": "zho_Hans",
	"zh-Hans": "zho_Hans", "zh-TW": "zho_Hant",
}
