/* sitegen search: reads the static index that `sitegen build` writes beside the search page
 * (format: Sources/SiteKit/Search/SearchIndexBuilder.swift). No framework, no third-party code.
 * The syllable rules mirror SearchText.swift and the ranking mirrors SearchEngine.swift: change
 * them together. Results are built as DOM nodes with textContent; no data goes through innerHTML. */
(function () {
  'use strict';

  var WORD = null, MARKS = null;
  try {
    WORD = new RegExp('[\\p{L}\\p{M}\\p{N}]+', 'gu');
    MARKS = new RegExp('[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]', 'g');
  } catch (e) {
    // A browser without Unicode property escapes: the page says search is unavailable.
  }
  var SPACE = /\s/;
  var NOT_SPACE = /\S/;
  var MAX_TOKEN = 40;
  var MAX_TERMS = 10;
  var K1 = 1.2, B = 0.75, TITLE_BOOST = 2.5, TERMS_BOOST = 1.5, EXACT_BOOST = 1.5, PHRASE_BOOST = 1.0;
  var encoder = new TextEncoder();
  var decoder = new TextDecoder();

  // ---- Syllables (SearchText.swift) ----

  /** Syllables of a text: {raw, start, end, pairs} where pairs says it pairs with the one before. */
  function scan(text) {
    var out = [];
    var havePrevious = false;
    var previousEnd = 0;
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      var raw = match[0];
      var gap = text.slice(previousEnd, match.index);
      previousEnd = match.index + raw.length;
      if (Array.from(raw).length > MAX_TOKEN) { havePrevious = false; continue; }
      var pairs = havePrevious && !(SPACE.test(gap) && NOT_SPACE.test(gap));
      out.push({ raw: raw, start: match.index, end: previousEnd, pairs: pairs });
      havePrevious = true;
    }
    return out;
  }

  function exact(raw) {
    return raw.normalize('NFC').toLowerCase();
  }

  /** VietnameseText.fold: diacritics off, đ → d, lower case (and what Foundation also folds: ß, full width). */
  function fold(word) {
    var text = word.replace(/[đĐ]/g, 'd');
    if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
    text = text.normalize('NFD').replace(MARKS, '').toLowerCase().replace(/ß/g, 'ss')
      .replace(/[\uff01-\uff5e]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); });
    return text.normalize('NFC');
  }

  function fnv1a(text) {
    var bytes = encoder.encode(text);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 16777619) >>> 0;
    }
    return hash >>> 0;
  }

  /** A map keyed by words from the index or the query: no prototype, so "constructor" or
   *  "__proto__" is a word like any other, not a property of Object. */
  function dictionary() {
    return Object.create(null);
  }

  /** The query's distinct folded syllables (with the spellings typed with diacritics) and pairs. */
  function parseQuery(query) {
    var terms = [];
    var pairs = [];
    var previous = null;
    var tokens = scan(query.normalize('NFC'));
    for (var i = 0; i < tokens.length; i++) {
      var e = exact(tokens[i].raw);
      var f = fold(e);
      var term = null;
      for (var j = 0; j < terms.length; j++) if (terms[j].folded === f) term = terms[j];
      if (!term) {
        if (terms.length === MAX_TERMS) break;
        term = { folded: f, exact: [] };
        terms.push(term);
      }
      if (e !== f && term.exact.indexOf(e) < 0) term.exact.push(e);
      if (tokens[i].pairs && previous !== null) {
        var key = previous + ' ' + f;
        if (pairs.indexOf(key) < 0) pairs.push(key);
      }
      previous = f;
    }
    return { terms: terms, pairs: pairs };
  }

  // ---- Bit codes (BitStream.swift) ----

  function Bits(bytes, byteOffset) {
    this.bytes = bytes;
    this.position = byteOffset * 8;
    this.end = bytes.length * 8;
  }
  Bits.prototype.bit = function () {
    var p = this.position;
    if (p >= this.end) throw new Error('truncated shard');
    this.position = p + 1;
    return (this.bytes[p >> 3] >> (7 - (p & 7))) & 1;
  };
  Bits.prototype.read = function (count) {
    var value = 0;
    for (var i = 0; i < count; i++) value = value * 2 + this.bit();
    return value;
  };
  Bits.prototype.gamma = function () {
    var zeros = 0;
    while (this.bit() === 0) if (++zeros > 52) throw new Error('bad code');
    return Math.pow(2, zeros) + this.read(zeros);
  };
  Bits.prototype.rice = function (k) {
    var quotient = 0;
    while (quotient < 16 && this.bit() === 1) quotient++;
    if (quotient === 16) quotient = this.gamma() + 15;
    return quotient * Math.pow(2, k) + this.read(k);
  };

  /** A posting's value (PostingCode in BitStream.swift): flags 0, a 0 bit and gamma(tf); else a 1
   *  bit, two flag bits and gamma(tf + 1). */
  function readValue(bits) {
    if (bits.bit() === 0) return { flags: 0, tf: bits.gamma() };
    var flags = bits.read(2);
    return { flags: flags, tf: bits.gamma() - 1 };
  }

  function riceParameter(space, count) {
    var k = 0;
    while (k < 40 && count * 100 * Math.pow(2, k + 1) <= space * 69) k++;
    return k;
  }

  /** A posting list: {docs, flags, tfs} (documents numbered in the segment), or null when only skipped. */
  function readList(bits, documents, keep) {
    var count = bits.gamma();
    var k = riceParameter(documents, count);
    var docs = keep ? new Array(count) : null;
    var flags = keep ? new Array(count) : null;
    var tfs = keep ? new Array(count) : null;
    var doc = -1;
    for (var i = 0; i < count; i++) {
      doc += bits.rice(k) + 1;
      if (doc >= documents) throw new Error('bad list');
      var value = readValue(bits);
      if (keep) { docs[i] = doc; flags[i] = value.flags; tfs[i] = value.tf; }
    }
    return keep ? { docs: docs, flags: flags, tfs: tfs } : null;
  }

  /** The lists of the wanted syllables (folded → [{exact, list}]) and pairs (key → [list]) of one
   *  shard of `segment` ({docs, shards}). */
  function readShard(buffer, wanted, segment) {
    var bytes = new Uint8Array(buffer);
    var headerLength = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
    var lines = decoder.decode(bytes.subarray(4, 4 + headerLength)).split('\n');
    var bits = new Bits(bytes, 4 + headerLength);
    var found = { syllables: dictionary(), pairs: dictionary() };
    for (var i = 0; i < lines.length; i++) {
      if (lines[i] === '') continue;
      var parts = lines[i].split('\t');
      var folded = parts[0];
      var spellings = parts.length === 1 ? parts : parts.slice(1);
      var keep = wanted.syllables.indexOf(folded) >= 0;
      for (var s = 0; s < spellings.length; s++) {
        var postings = readList(bits, segment.docs, keep);
        if (keep) (found.syllables[folded] = found.syllables[folded] || []).push({ exact: spellings[s], list: postings });
      }
    }
    if (wanted.pairs.length === 0) return found;
    var pairCount = bits.gamma() - 1;
    var k = riceParameter(Math.pow(2, 32 - segment.shardBits), Math.max(1, pairCount));
    var key = 0;
    for (var p = 0; p < pairCount; p++) {
      key += bits.rice(k);
      var keepPair = wanted.pairs.indexOf(key) >= 0;
      var pairList = readList(bits, segment.docs, keepPair);
      if (keepPair) (found.pairs[key] = found.pairs[key] || []).push(pairList);
    }
    return found;
  }

  /** lengths.bin: varints. */
  function readLengths(buffer, segment) {
    var bytes = new Uint8Array(buffer);
    var lengths = new Array(segment.docs);
    var count = 0, value = 0, scale = 1;
    for (var i = 0; i < bytes.length && count < segment.docs; i++) {
      value += (bytes[i] & 0x7f) * scale;
      if (bytes[i] < 0x80) { lengths[count++] = value; value = 0; scale = 1; } else scale *= 128;
    }
    if (count !== segment.docs) throw new Error('bad lengths');
    return lengths;
  }

  /** meta.json's segments as objects, with the number of each one's first document. */
  function segmentsOf(meta) {
    var first = 0;
    return meta.segments.map(function (entry) {
      var segment = { name: entry[0], docs: entry[1], shards: entry[2], version: entry[3], first: first,
                      shardBits: Math.round(Math.log2(entry[2])), large: { w: entry[4], p: entry[5] } };
      first += entry[1];
      return segment;
    });
  }

  // ---- Ranking (SearchEngine.swift) ----

  function idf(documents, df) {
    return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
  }

  /** BM25's saturated term frequency in `levels` steps (SearchEngine.bodyLevel). */
  function bodyLevel(tf, length, average, levels) {
    if (tf === 0) return 0;
    var norm = K1 * (1 - B + B * length / average);
    var saturated = tf * (K1 + 1) / (tf + norm);
    return Math.max(1, Math.min(levels, Math.round(saturated / (K1 + 1) * levels)));
  }

  /** Scores every document for `query` across the segments; `load(segment, file)` gives the bytes
   *  of a segment's file ("index/3.bin", "lengths.bin") as a promise. */
  function rank(query, meta, load) {
    var parsed = parseQuery(query);
    var terms = parsed.terms;
    if (terms.length === 0) return Promise.resolve({ hits: [], terms: [], complete: true });
    var segments = meta.segmentList || segmentsOf(meta);
    var average = Math.max(1, meta.length / Math.max(1, meta.docs));
    /** The file of a syllable ('w') or a pair ('p') in a segment: its shard, or its own file. */
    function fileOf(segment, kind, hash) {
      var hex = ('0000000' + hash.toString(16)).slice(-8);
      return segment.large[kind].indexOf(hex) >= 0 ? kind + hex : String((hash & (segment.shards - 1)) >>> 0);
    }
    var plans = segments.map(function (segment) {
      var wants = dictionary();
      function want(file) { return wants[file] || (wants[file] = { syllables: [], pairs: [] }); }
      var termFiles = terms.map(function (term) {
        var file = fileOf(segment, 'w', fnv1a(term.folded));
        want(file).syllables.push(term.folded);
        return file;
      });
      var pairKeys = parsed.pairs.map(function (pair) {
        var hash = fnv1a(pair);
        var key = hash >>> segment.shardBits;
        var file = fileOf(segment, 'p', hash);
        want(file).pairs.push(key);
        return { file: file, key: key };
      });
      return { segment: segment, wants: wants, termFiles: termFiles, pairKeys: pairKeys };
    });
    return Promise.all(plans.map(function (plan) {
      var names = Object.keys(plan.wants);
      return Promise.all(names.map(function (name) {
        return load(plan.segment, 'index/' + name + '.bin').then(function (buffer) { return readShard(buffer, plan.wants[name], plan.segment); });
      }).concat([load(plan.segment, 'lengths.bin').then(function (buffer) { return readLengths(buffer, plan.segment); })]))
        .then(function (read) {
          plan.shards = dictionary();
          names.forEach(function (name, i) { plan.shards[name] = read[i]; });
          plan.lengths = read[names.length];
        });
    })).then(function () {
      var n = meta.docs;
      var score = new Float64Array(n);
      var mask = new Int32Array(n);
      var flagsOf = new Uint8Array(n);
      var levelOf = new Uint8Array(n);
      var seen = new Uint8Array(n);
      var exactHit = new Uint8Array(n);
      terms.forEach(function (term, index) {
        var touched = [];
        plans.forEach(function (plan) {
          var spellings = plan.shards[plan.termFiles[index]].syllables[term.folded];
          if (!spellings) return;
          var first = plan.segment.first, lengths = plan.lengths;
          spellings.forEach(function (spelling) {
            var isExact = term.exact.indexOf(spelling.exact) >= 0;
            var list = spelling.list;
            for (var i = 0; i < list.docs.length; i++) {
              var local = list.docs[i], d = first + local;
              var level = bodyLevel(list.tfs[i], lengths[local], average, 15);
              if (!seen[d]) { seen[d] = 1; touched.push(d); flagsOf[d] = list.flags[i]; levelOf[d] = level; exactHit[d] = 0; }
              else { flagsOf[d] |= list.flags[i]; levelOf[d] = Math.max(levelOf[d], level); }
              if (isExact) exactHit[d] = 1;
            }
          });
        });
        var weightIDF = idf(n, touched.length);
        touched.forEach(function (d) {
          var weight = levelOf[d] / 15 * (K1 + 1);
          if (flagsOf[d] & 1) weight += TITLE_BOOST;
          if (flagsOf[d] & 2) weight += TERMS_BOOST;
          if (term.exact.length > 0 && exactHit[d]) weight *= EXACT_BOOST;
          score[d] += weightIDF * weight;
          mask[d] |= 1 << index;
          seen[d] = 0;
        });
      });
      parsed.pairs.forEach(function (pair, index) {
        // A pair's value: in the title or a term (4), then its body level 0–3.
        var best = dictionary();
        var docsInPair = [];
        plans.forEach(function (plan) {
          var where = plan.pairKeys[index];
          var lists = plan.shards[where.file].pairs[where.key];
          if (!lists) return;
          lists.forEach(function (list) {
            for (var i = 0; i < list.docs.length; i++) {
              var d = plan.segment.first + list.docs[i];
              var value = (list.flags[i] ? 4 : 0) | bodyLevel(list.tfs[i], plan.lengths[list.docs[i]], average, 3);
              if (!(d in best)) { best[d] = value; docsInPair.push(d); }
              else best[d] = Math.max(best[d], value);
            }
          });
        });
        var weightIDF = idf(n, docsInPair.length);
        docsInPair.forEach(function (d) {
          var weight = (best[d] & 3) / 3 * (K1 + 1);
          if (best[d] & 4) weight += TITLE_BOOST;
          score[d] += weightIDF * weight * PHRASE_BOOST;
        });
      });
      var hits = [];
      for (var d = 0; d < n; d++) {
        if (mask[d] !== 0) hits.push({ doc: d, score: score[d], matched: popcount(mask[d]), mask: mask[d] });
      }
      return { hits: hits, terms: terms.map(function (t) { return t.folded; }), all: (1 << terms.length) - 1 };
    });
  }

  function popcount(value) {
    var count = 0;
    while (value) { count += value & 1; value >>>= 1; }
    return count;
  }

  /** Filters, keeps full matches when there are any, sorts: matched, score, newest. */
  function select(ranked, year, category, categories, meta) {
    var range = null;
    if (year) {
      range = [0, 0];
      meta.years.forEach(function (y) { if (String(y[0]) === year) range = [y[1], y[1] + y[2]]; });
    }
    var hits = ranked.hits.filter(function (hit) {
      if (range && (hit.doc < range[0] || hit.doc >= range[1])) return false;
      if (category && categories[hit.doc] !== category) return false;
      return true;
    });
    var complete = hits.some(function (hit) { return hit.mask === ranked.all; });
    if (complete) hits = hits.filter(function (hit) { return hit.mask === ranked.all; });
    hits.sort(function (a, b) {
      if (a.matched !== b.matched) return b.matched - a.matched;
      if (a.score !== b.score) return b.score - a.score;
      return b.doc - a.doc;
    });
    return { hits: hits, complete: complete || hits.length === 0 };
  }

  /** A segment's cats.txt: its documents' categories as numbers in meta.json's list (1-based, 0 none). */
  function decodeCategories(buffer, segment, meta) {
    var bytes = new Uint8Array(buffer);
    var newline = bytes.indexOf(10);
    var slugs = newline > 0 ? decoder.decode(bytes.subarray(0, newline)).split('\t') : [];
    var numbers = [0].concat(slugs.map(function (slug) { return categoryNumber(slug, meta); }));
    var alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
    var value = dictionary();
    for (var i = 0; i < alphabet.length; i++) value[alphabet.charCodeAt(i)] = i;
    var width = 1;
    while (Math.pow(64, width) <= slugs.length) width++;
    var categories = new Int32Array(segment.docs);
    for (var d = 0; d < segment.docs; d++) {
      var v = 0;
      for (var w = 0; w < width; w++) v = v * 64 + (value[bytes[newline + 1 + d * width + w]] || 0);
      categories[d] = numbers[v] || 0;
    }
    return categories;
  }

  /** Every document's category number, from every segment's cats.txt; `load` as for `rank`. */
  function loadCategories(meta, load) {
    var segments = meta.segmentList || segmentsOf(meta);
    return Promise.all(segments.map(function (segment) {
      return load(segment, 'cats.txt').then(function (buffer) { return decodeCategories(buffer, segment, meta); });
    })).then(function (parts) {
      var all = new Int32Array(meta.docs);
      parts.forEach(function (part, i) { all.set(part, segments[i].first); });
      return all;
    });
  }

  /** Where a document's row is: its segment, the segment's docs/<n>.json and the row in it. */
  function documentPlace(doc, meta) {
    var segments = meta.segmentList || segmentsOf(meta);
    var segment = segments[0];
    for (var i = 0; i < segments.length && segments[i].first <= doc; i++) segment = segments[i];
    var local = doc - segment.first;
    return { segment: segment, file: 'docs/' + Math.floor(local / meta.chunk) + '.json', row: local % meta.chunk };
  }

  /** The rows of `docs` (`[title, path, day, category slug, snippet]`), reading each segment's
   *  docs/<n>.json once; `loadJSON(path, version)` gives a file below the search folder. */
  function documentRows(docs, meta, loadJSON) {
    var places = docs.map(function (doc) { return documentPlace(doc, meta); });
    var paths = [], first = [];
    places.forEach(function (place) {
      place.path = 's/' + place.segment.name + '/' + place.file;
      if (paths.indexOf(place.path) < 0) { paths.push(place.path); first.push(place); }
    });
    return Promise.all(first.map(function (place) { return loadJSON(place.path, place.segment.version); })).then(function (loaded) {
      return places.map(function (place) { return loaded[paths.indexOf(place.path)][place.row]; });
    });
  }

  /** 1-based number of a category slug in meta.json's list, 0 when it is not there. */
  function categoryNumber(slug, meta) {
    for (var i = 0; i < meta.categories.length; i++) if (meta.categories[i][1] === slug) return i + 1;
    return 0;
  }

  /** Slug.make, for the documents whose path the index leaves out (SearchIndexBuilder.scriptSlug). */
  function slug(title) {
    var text = fold(title).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    if (text.length > 80) {
      var prefix = text.slice(0, 80);
      var cut = prefix.lastIndexOf('-');
      text = cut >= 0 ? prefix.slice(0, cut) : prefix;
    }
    return text;
  }

  function documentPath(row, meta) {
    if (typeof row[1] === 'string') return row[1];
    var day = row[2];
    function two(v) { return v < 10 ? '0' + v : String(v); }
    return meta.permalink.split(':year').join(String(Math.floor(day / 10000))).split(':month').join(two(Math.floor(day / 100) % 100))
      .split(':day').join(two(day % 100)).split(':slug').join(slug(row[0]));
  }

  // For tests under Node (Tests/browser/search-parity.js); browsers go on to the page below.
  if (typeof module === 'object' && module.exports) {
    module.exports = {
      scan: scan, exact: exact, fold: fold, fnv1a: fnv1a, parseQuery: parseQuery, segmentsOf: segmentsOf, readShard: readShard,
      rank: rank, select: select, loadCategories: loadCategories, categoryNumber: categoryNumber, documentPlace: documentPlace, documentRows: documentRows, slug: slug, documentPath: documentPath,
    };
    return;
  }

  // ---- Fetching (every byte counted, for the page's data-stats) ----

  var form = document.getElementById('search-form');
  if (!form) return;
  var input = document.getElementById('search-input');
  var yearSelect = document.getElementById('search-year');
  var categorySelect = document.getElementById('search-category');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var pager = document.getElementById('search-pages');
  if (!WORD || !window.fetch) {
    status.textContent = status.getAttribute('data-error');
    return;
  }

  var baseURL = new URL(form.getAttribute('data-meta'), document.baseURI);
  var rootURL = form.getAttribute('data-root');
  var relative = form.hasAttribute('data-relative');
  var cache = dictionary();
  var fetched = { files: 0, bytes: 0 };

  /** A file below the search folder; `version` (a segment's) goes into the URL, so a segment's
   *  files are cached until that segment changes; meta.json is always asked for again. */
  function load(path, version) {
    var url = new URL(path, baseURL).href + (version ? '?v=' + version : '');
    if (!cache[url]) {
      cache[url] = fetch(url, version ? {} : { cache: 'no-cache' }).then(function (response) {
        if (!response.ok) throw new Error(response.status + ' ' + url);
        return response.arrayBuffer();
      }).then(function (buffer) {
        fetched.files += 1;
        fetched.bytes += buffer.byteLength;
        return buffer;
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  function loadSegmentFile(segment, file) {
    return load('s/' + segment.name + '/' + file, segment.version);
  }

  function loadJSON(path, version) {
    return load(path, version).then(function (buffer) { return JSON.parse(decoder.decode(buffer)); });
  }

  // ---- Showing ----

  /** Text with the query's syllables in <mark>, as nodes. */
  function highlighted(text, folded) {
    var fragment = document.createDocumentFragment();
    var at = 0;
    scan(text).forEach(function (token) {
      if (folded.indexOf(fold(exact(token.raw))) < 0) return;
      if (token.start > at) fragment.appendChild(document.createTextNode(text.slice(at, token.start)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(token.start, token.end);
      fragment.appendChild(mark);
      at = token.end;
    });
    if (at < text.length) fragment.appendChild(document.createTextNode(text.slice(at)));
    return fragment;
  }

  function pageURL(path) {
    return rootURL + path + (relative && (path === '' || path.charAt(path.length - 1) === '/') ? 'index.html' : '');
  }

  function dateText(day) {
    var y = Math.floor(day / 10000), m = Math.floor(day / 100) % 100, d = day % 100;
    function two(v) { return v < 10 ? '0' + v : String(v); }
    return { iso: y + '-' + two(m) + '-' + two(d), display: two(d) + '/' + two(m) + '/' + y };
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderResults(rows, docs, terms, meta) {
    list.textContent = '';
    docs.forEach(function (doc, i) {
      var row = rows[i];
      var item = element('li', 'item search-result');
      var heading = element('h2', 'item-title');
      var link = element('a');
      link.setAttribute('href', pageURL(documentPath(row, meta)));
      link.appendChild(highlighted(row[0], terms));
      heading.appendChild(link);
      item.appendChild(heading);
      var info = element('p', 'meta');
      var date = dateText(row[2]);
      var time = element('time', null, date.display);
      time.setAttribute('datetime', date.iso);
      info.appendChild(time);
      var category = row[3] ? meta.categories[categoryNumber(row[3], meta) - 1] : null;
      if (category) {
        var categoryLink = element('a', 'cat', category[0]);
        categoryLink.setAttribute('href', pageURL(category[2]));
        info.appendChild(categoryLink);
      }
      item.appendChild(info);
      if (row[4]) {
        var snippet = element('p', 'summary');
        snippet.appendChild(highlighted(row[4], terms));
        item.appendChild(snippet);
      }
      list.appendChild(item);
    });
  }

  function searchHref(q, page, year, category) {
    var params = new URLSearchParams();
    params.set('q', q);
    if (year) params.set('year', year);
    if (category) params.set('cat', category);
    if (page > 1) params.set('page', String(page));
    return '?' + params.toString();
  }

  function renderPager(page, pageCount, q, year, category) {
    pager.textContent = '';
    pager.hidden = pageCount <= 1;
    if (pageCount <= 1) return;
    var ul = element('ul');
    function add(label, number, rel, current) {
      var li = element('li');
      var a = element('a', null, label);
      a.setAttribute('href', searchHref(q, number, year, category));
      a.setAttribute('data-page', String(number));
      if (rel) a.setAttribute('rel', rel);
      if (current) a.setAttribute('aria-current', 'page');
      li.appendChild(a);
      ul.appendChild(li);
    }
    if (page > 1) add('‹ ' + pager.getAttribute('data-prev'), page - 1, 'prev');
    var last = 0;
    for (var p = 1; p <= pageCount; p++) {
      if (p !== 1 && p !== pageCount && Math.abs(p - page) > 2) continue;
      if (p > last + 1) { var gap = element('li', 'gap'); gap.appendChild(element('span', null, '…')); ul.appendChild(gap); }
      add(String(p), p, null, p === page);
      last = p;
    }
    if (page < pageCount) add(pager.getAttribute('data-next') + ' ›', page + 1, 'next');
    pager.appendChild(ul);
    var count = element('p', 'page-count', pager.getAttribute('data-page') + ' ' + page + '/' + pageCount);
    pager.appendChild(count);
  }

  function say(text) {
    status.textContent = text;
  }

  function formatCount(n) {
    var lang = document.documentElement.lang || 'vi';
    var digits = String(n);
    var sep = lang === 'vi' ? '.' : ',';
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }

  // ---- The page ----

  var state = { meta: null, ranked: null, rankedQuery: null, categories: null, run: 0 };
  var pageTitle = document.title;

  function readURL() {
    var params = new URLSearchParams(location.search);
    var page = parseInt(params.get('page') || '1', 10);
    return {
      q: (params.get('q') || '').trim(),
      year: params.get('year') || '',
      cat: params.get('cat') || '',
      page: page > 0 ? page : 1,
    };
  }

  function run(focusStatus) {
    var query = readURL();
    var runNumber = ++state.run;
    var started = performance.now();
    var before = { files: fetched.files, bytes: fetched.bytes };
    input.value = query.q;
    var header = document.getElementById('search-q');
    if (header) header.value = query.q;
    if (yearSelect) yearSelect.value = query.year;
    if (categorySelect) categorySelect.value = query.cat;
    if (!query.q) {
      list.textContent = '';
      pager.hidden = true;
      say(status.getAttribute('data-prompt'));
      return Promise.resolve();
    }
    document.title = query.q + ' – ' + pageTitle;
    list.setAttribute('aria-busy', 'true');
    say(status.getAttribute('data-loading'));
    var metaPromise = state.meta ? Promise.resolve(state.meta) : loadJSON('meta.json', false).then(function (meta) {
      if (meta.format !== 2) throw new Error('unknown index format');
      meta.segmentList = segmentsOf(meta);
      state.meta = meta;
      return meta;
    });
    return metaPromise.then(function (meta) {
      var category = query.cat ? categoryNumber(query.cat, meta) : 0;
      var ranked = state.rankedQuery === query.q ? Promise.resolve(state.ranked) : rank(query.q, meta, loadSegmentFile);
      var categories = category && !state.categories ? loadCategories(meta, loadSegmentFile) : Promise.resolve(state.categories);
      return Promise.all([ranked, categories]).then(function (results) {
        state.ranked = results[0];
        state.rankedQuery = query.q;
        state.categories = results[1];
        var selected = select(results[0], query.year, category, results[1], meta);
        var pageSize = meta.pageSize || 10;
        var pageCount = Math.max(1, Math.ceil(selected.hits.length / pageSize));
        var page = Math.min(query.page, pageCount);
        var shown = selected.hits.slice((page - 1) * pageSize, page * pageSize);
        return documentRows(shown.map(function (hit) { return hit.doc; }), meta, loadJSON).then(function (rows) {
          if (runNumber !== state.run) return;
          renderResults(rows, shown.map(function (hit) { return hit.doc; }), results[0].terms, meta);
          renderPager(page, pageCount, query.q, query.year, query.cat);
          list.removeAttribute('aria-busy');
          if (selected.hits.length === 0) {
            say(status.getAttribute('data-none'));
          } else {
            var text = status.getAttribute('data-count').replace('{n}', formatCount(selected.hits.length));
            say(selected.complete ? text : text + '. ' + status.getAttribute('data-partial'));
          }
          form.setAttribute('data-stats', JSON.stringify({
            ms: Math.round(performance.now() - started),
            files: fetched.files - before.files,
            bytes: fetched.bytes - before.bytes,
            hits: selected.hits.length,
          }));
          if (focusStatus) status.focus();
        });
      });
    }).catch(function (error) {
      if (runNumber !== state.run) return;
      list.removeAttribute('aria-busy');
      list.textContent = '';
      pager.hidden = true;
      say(status.getAttribute('data-error'));
      form.setAttribute('data-error', String(error && error.message || error));
    });
  }

  function go(href, focusStatus) {
    history.pushState(null, '', href);
    run(focusStatus);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var q = input.value.trim();
    go(searchHref(q, 1, yearSelect ? yearSelect.value : '', categorySelect ? categorySelect.value : ''), false);
  });
  [yearSelect, categorySelect].forEach(function (select) {
    if (!select) return;
    select.addEventListener('change', function () {
      var current = readURL();
      if (!current.q) return;
      go(searchHref(current.q, 1, yearSelect ? yearSelect.value : '', categorySelect ? categorySelect.value : ''), false);
    });
  });
  pager.addEventListener('click', function (event) {
    var target = event.target;
    var link = target && target.closest ? target.closest('a[data-page]') : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    go(link.getAttribute('href'), true);
  });
  window.addEventListener('popstate', function () { run(false); });
  run(false);
})();
