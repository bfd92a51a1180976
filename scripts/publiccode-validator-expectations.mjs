// Transcribes the expectation tables of the official publiccode.yml validator's tests
// (tests/fixtures/publiccode-validator/v0_test.go) into expected.json beside it, so the unit test
// compares Capacitas' verdicts with the validator's without reading Go. Run it again after
// replacing the fixtures with another commit's:  node scripts/publiccode-validator-expectations.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "tests", "fixtures", "publiccode-validator");
const source = readFileSync(join(root, "v0_test.go"), "utf8");

/** The Go subset the tables use: string literals (maybe joined with `+ cwd +`), integers, braces. */
function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) i++;
    else if (text.startsWith("//", i)) i = text.indexOf("\n", i) === -1 ? text.length : text.indexOf("\n", i);
    else if (c === '"') {
      let value = "";
      i++;
      while (text[i] !== '"') {
        if (text[i] === "\\") {
          const next = text[i + 1];
          value += next === "n" ? "\n" : next === "t" ? "\t" : next;
          i += 2;
        } else value += text[i++];
      }
      i++;
      tokens.push({ t: "str", v: value });
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+/.exec(text.slice(i));
      tokens.push({ t: "int", v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
      tokens.push({ t: "id", v: m[0] });
      i += m[0].length;
    } else {
      tokens.push({ t: "p", v: c });
      i++;
    }
  }
  return tokens;
}

/** Parses `"file.yml": ValidationResults{ ValidationError{key, msg, line, col}, … }, …` up to the map's `}`. */
function parseTable(body) {
  const tokens = tokenize(body);
  let p = 0;
  const expect = (t, v) => {
    const tok = tokens[p++];
    if (!tok || tok.t !== t || (v !== undefined && tok.v !== v)) {
      throw new Error(`expected ${t} ${v ?? ""} at token ${p - 1}: ${JSON.stringify(tok)}`);
    }
    return tok;
  };
  const expression = () => {
    // A string expression: literals and the `cwd` variable joined by `+`.
    let value = "";
    for (;;) {
      const tok = tokens[p++];
      if (tok.t === "str") value += tok.v;
      else if (tok.t === "int") return tok.v;
      else if (tok.t === "id" && tok.v === "cwd") value += "<cwd>";
      else throw new Error(`unexpected ${JSON.stringify(tok)}`);
      if (tokens[p].t === "p" && tokens[p].v === "+") p++;
      else return value;
    }
  };
  const table = {};
  expect("p", "{");
  while (!(tokens[p].t === "p" && tokens[p].v === "}")) {
    const file = expect("str").v;
    expect("p", ":");
    expect("id", "ValidationResults");
    expect("p", "{");
    const results = [];
    while (!(tokens[p].t === "p" && tokens[p].v === "}")) {
      const kind = expect("id").v;
      if (kind !== "ValidationError" && kind !== "ValidationWarning") throw new Error(`unknown result ${kind}`);
      expect("p", "{");
      const args = [];
      while (!(tokens[p].t === "p" && tokens[p].v === "}")) {
        args.push(expression());
        if (tokens[p].t === "p" && tokens[p].v === ",") p++;
      }
      expect("p", "}");
      const [key, message, line, column] = args;
      results.push({ severity: kind === "ValidationError" ? "error" : "warning", key, message, line, column });
      if (tokens[p].t === "p" && tokens[p].v === ",") p++;
    }
    expect("p", "}");
    table[file] = results;
    if (tokens[p].t === "p" && tokens[p].v === ",") p++;
  }
  return table;
}

/** Finds the `{…}` block that starts at `start` (the index of its `{`), skipping strings and comments. */
function blockAt(text, start) {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    } else if (text.startsWith("//", i)) i = text.indexOf("\n", i);
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error("unbalanced braces");
}

const tables = [];
const validGlobs = [];
const functions = [...source.matchAll(/^func (Test\w+)\(t \*testing\.T\) \{/gm)];
for (const [index, match] of functions.entries()) {
  const body = source.slice(match.index, functions[index + 1]?.index ?? source.length);
  const name = match[1];
  const valid = /checkValid(Files|FilesNoNetwork)\("testdata\/(v0\/[^"]+)"/.exec(body);
  if (valid) validGlobs.push({ test: name, glob: valid[2], network: valid[1] === "Files" });
  const mapAt = body.indexOf("expected := map[string]error{");
  const dir = /dir := "testdata\/(v0\/[^"]*)"/.exec(body);
  if (mapAt === -1 || !dir) continue;
  const block = blockAt(body, body.indexOf("{", mapAt + "expected := map[string]error".length));
  // The tables that call parseNoNetwork ran with the network off; the others with it on.
  tables.push({ test: name, dir: dir[1], network: !/parseNoNetwork\(/.test(body), expected: parseTable(block) });
}

const output = {
  note: "Generated by scripts/publiccode-validator-expectations.mjs from v0_test.go: do not edit.",
  source: "italia/publiccode-parser-go@2a1f25a36e0f2ab2d71efb67db8b66ff00573fbe v0_test.go",
  valid: validGlobs,
  tables,
};
writeFileSync(join(root, "expected.json"), JSON.stringify(output, null, 2) + "\n");
console.log(
  `expected.json: ${validGlobs.length} valid globs, ${tables.length} tables, ` +
    `${tables.reduce((n, t) => n + Object.keys(t.expected).length, 0)} files`,
);
