#!/usr/bin/env node
// What search.js downloads for queries against a built site's index, counted without a browser:
// meta.json, every segment file that templates/assets/search.js's rank() asks for, and the docs
// chunks of the first page of results (as the page does). Bytes are file sizes (no compression).
// Usage: node Benchmarks/search-query-bytes.js PUBLIC/tim-kiem "query one" "query two" ...
'use strict';
const fs = require('fs');
const path = require('path');
const search = require(path.join(__dirname, '../templates/assets/search.js'));

const [folder, ...queries] = process.argv.slice(2);
const metaBytes = fs.readFileSync(path.join(folder, 'meta.json'));
const meta = JSON.parse(metaBytes.toString('utf8'));
(async () => {
  for (const query of queries) {
    const fetched = new Map([['meta.json', metaBytes.length]]);
    const read = (file) => {
      const bytes = fs.readFileSync(path.join(folder, file));
      fetched.set(file, bytes.length);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    };
    const ranked = await search.rank(query, meta, (segment, file) => Promise.resolve(read('s/' + segment.name + '/' + file)));
    const selected = search.select(ranked, '', 0, null, meta);
    for (const hit of selected.hits.slice(0, meta.pageSize || 10)) {
      const place = search.documentPlace(hit.doc, meta);
      read('s/' + place.segment.name + '/' + place.file);
    }
    const kinds = {};
    for (const [file, bytes] of fetched) {
      const kind = file === 'meta.json' ? 'meta' : file.replace(/^s\/[^/]+\//, '').replace(/\/.*|\..*/, '');
      kinds[kind] = (kinds[kind] || 0) + bytes;
    }
    const total = [...fetched.values()].reduce((a, b) => a + b, 0);
    console.log(JSON.stringify({ query, hits: selected.hits.length, segments: meta.segments.length, files: fetched.size,
      bytes: total, byKind: kinds }));
  }
})().catch((error) => { console.error(error.stack || String(error)); process.exit(1); });
