#!/usr/bin/env node
// Runs queries through templates/assets/search.js's ranking against a built index folder and
// prints, per query, the ranked document numbers as JSON: SearchParityTests compares them with
// SearchEngine (Swift), so both implementations of the ranking stay the same.
// Usage: node search-parity.js INDEX_FOLDER [--year Y] [--cat N] QUERY...
'use strict';
const fs = require('fs');
const path = require('path');
const search = require(path.join(__dirname, '../../templates/assets/search.js'));

const args = process.argv.slice(2);
const folder = args.shift();
let year = '', category = 0;
const queries = [];
while (args.length) {
  const arg = args.shift();
  if (arg === '--year') year = args.shift();
  else if (arg === '--cat') category = parseInt(args.shift(), 10);
  else queries.push(arg);
}
const buffer = (file) => {
  const bytes = fs.readFileSync(path.join(folder, file));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
};
const meta = JSON.parse(fs.readFileSync(path.join(folder, 'meta.json'), 'utf8'));
const load = (segment, file) => Promise.resolve(buffer('s/' + segment.name + '/' + file));

(async () => {
  const categories = category ? await search.loadCategories(meta, load) : null;
  const out = {};
  for (const query of queries) {
    const ranked = await search.rank(query, meta, load);
    const selected = search.select(ranked, year, category, categories, meta);
    out[query] = {
      docs: selected.hits.map((hit) => hit.doc),
      complete: selected.complete,
      paths: (await search.documentRows(selected.hits.slice(0, 10).map((hit) => hit.doc), meta,
        (file) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')))))
        .map((row) => search.documentPath(row, meta)),
    };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
})().catch((error) => { console.error(error.stack || String(error)); process.exit(1); });
