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
  var K1 = 1.2, TITLE_BOOST = 2.5, TERMS_BOOST = 1.5, EXACT_BOOST = 1.5, PHRASE_BOOST = 1.0;
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

  /** A canonical prefix code from its code lengths (PrefixCode in BitStream.swift). */
  function PrefixCode(lengths) {
    var longest = 0;
    lengths.forEach(function (length) { longest = Math.max(longest, length); });
    this.counts = [];
    for (var i = 0; i <= longest; i++) this.counts.push(0);
    var symbols = [];
    lengths.forEach(function (length, symbol) { if (length > 0) { this.counts[length]++; symbols.push(symbol); } }, this);
    symbols.sort(function (a, b) { return lengths[a] - lengths[b] || a - b; });
    this.symbols = symbols;
  }
  PrefixCode.prototype.read = function (bits) {
    var code = 0, first = 0, index = 0;
    for (var length = 1; length < this.counts.length; length++) {
      code |= bits.bit();
      var count = this.counts[length];
      if (code - first < count) return this.symbols[index + code - first];
      index += count;
      first = (first + count) * 2;
      code *= 2;
    }
    throw new Error('bad code');
  };

  function riceParameter(space, count) {
    var k = 0;
    while (k < 40 && count * 100 * Math.pow(2, k + 1) <= space * 69) k++;
    return k;
  }

  /** A posting list: {docs: [...], impacts: [...]}, or null when only skipped. */
  function readList(bits, code, documents, keep) {
    var count = bits.gamma();
    var k = riceParameter(documents, count);
    var docs = keep ? new Array(count) : null;
    var impacts = keep ? new Array(count) : null;
    var doc = -1;
    for (var i = 0; i < count; i++) {
      doc += bits.rice(k) + 1;
      var impact = code.read(bits);
      if (keep) { docs[i] = doc; impacts[i] = impact; }
    }
    return keep ? { docs: docs, impacts: impacts } : null;
  }

  /** The lists of the wanted syllables (folded → [{exact, list}]) and pairs (key → [list]) of one shard. */
  function readShard(buffer, wanted, meta) {
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
        var postings = readList(bits, meta.syllableCode, meta.docs, keep);
        if (keep) (found.syllables[folded] = found.syllables[folded] || []).push({ exact: spellings[s], list: postings });
      }
    }
    if (wanted.pairs.length === 0) return found;
    var shardBits = Math.round(Math.log2(meta.shards));
    var pairCount = bits.gamma() - 1;
    var k = riceParameter(Math.pow(2, 32 - shardBits), Math.max(1, pairCount));
    var key = 0;
    for (var p = 0; p < pairCount; p++) {
      key += bits.rice(k);
      var keepPair = wanted.pairs.indexOf(key) >= 0;
      var pairList = readList(bits, meta.pairCode, meta.docs, keepPair);
      if (keepPair) (found.pairs[key] = found.pairs[key] || []).push(pairList);
    }
    return found;
  }

  // ---- Ranking (SearchEngine.swift) ----

  function idf(documents, df) {
    return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
  }

  /** Scores every document for `query`; `loadShard(name)` gives the bytes of index/<name>.bin (a promise). */
  function rank(query, meta, loadShard) {
    var parsed = parseQuery(query);
    var terms = parsed.terms;
    if (terms.length === 0) return Promise.resolve({ hits: [], terms: [], complete: true });
    var shardMask = meta.shards - 1;
    var shardBits = Math.round(Math.log2(meta.shards));
    var wants = dictionary();
    /** The file of a syllable ('w') or a pair ('p'): its shard, or its own file when listed as large. */
    function fileOf(kind, hash) {
      var hex = ('0000000' + hash.toString(16)).slice(-8);
      return meta.large && meta.large[kind].indexOf(hex) >= 0 ? kind + hex : String((hash & shardMask) >>> 0);
    }
    function want(file) {
      return wants[file] || (wants[file] = { syllables: [], pairs: [] });
    }
    terms.forEach(function (term) {
      term.file = fileOf('w', fnv1a(term.folded));
      want(term.file).syllables.push(term.folded);
    });
    var pairKeys = parsed.pairs.map(function (pair) {
      var hash = fnv1a(pair);
      var key = hash >>> shardBits;
      var file = fileOf('p', hash);
      want(file).pairs.push(key);
      return { file: file, key: key };
    });
    var shardNumbers = Object.keys(wants);
    return Promise.all(shardNumbers.map(function (n) {
      return loadShard(n).then(function (buffer) { return readShard(buffer, wants[n], meta); });
    })).then(function (read) {
      var shards = dictionary();
      shardNumbers.forEach(function (n, i) { shards[n] = read[i]; });
      var n = meta.docs;
      var score = new Float64Array(n);
      var mask = new Int32Array(n);
      var merged = new Int16Array(n);
      var seen = new Uint8Array(n);
      var exactHit = new Uint8Array(n);
      terms.forEach(function (term, index) {
        var spellings = shards[term.file].syllables[term.folded];
        if (!spellings) return;
        var touched = [];
        spellings.forEach(function (spelling) {
          var isExact = term.exact.indexOf(spelling.exact) >= 0;
          var docs = spelling.list.docs, impacts = spelling.list.impacts;
          for (var i = 0; i < docs.length; i++) {
            var d = docs[i], imp = impacts[i];
            if (!seen[d]) { seen[d] = 1; touched.push(d); merged[d] = imp; exactHit[d] = 0; }
            else merged[d] = (merged[d] & 0x30) | (imp & 0x30) | Math.max(merged[d] & 15, imp & 15);
            if (isExact) exactHit[d] = 1;
          }
        });
        var weightIDF = idf(n, touched.length);
        touched.forEach(function (d) {
          var impact = merged[d];
          var weight = (impact & 15) / 15 * (K1 + 1);
          if (impact & 0x20) weight += TITLE_BOOST;
          if (impact & 0x10) weight += TERMS_BOOST;
          if (term.exact.length > 0 && exactHit[d]) weight *= EXACT_BOOST;
          score[d] += weightIDF * weight;
          mask[d] |= 1 << index;
          seen[d] = 0;
        });
      });
      pairKeys.forEach(function (pair) {
        var lists = shards[pair.file].pairs[pair.key];
        if (!lists) return;
        var best = dictionary();
        var docsInPair = [];
        lists.forEach(function (postings) {
          for (var i = 0; i < postings.docs.length; i++) {
            var d = postings.docs[i];
            if (!(d in best)) { best[d] = postings.impacts[i]; docsInPair.push(d); }
            else best[d] = Math.max(best[d], postings.impacts[i]);
          }
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

  /** cats.txt: each document's category number. */
  function decodeCategories(buffer, meta) {
    var bytes = new Uint8Array(buffer);
    var alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
    var value = dictionary();
    for (var i = 0; i < alphabet.length; i++) value[alphabet.charCodeAt(i)] = i;
    var width = meta.catWidth;
    var categories = new Int32Array(meta.docs);
    for (var d = 0; d < meta.docs; d++) {
      var v = 0;
      for (var w = 0; w < width; w++) v = v * 64 + value[bytes[d * width + w]];
      categories[d] = v;
    }
    return categories;
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
      scan: scan, exact: exact, fold: fold, fnv1a: fnv1a, parseQuery: parseQuery, PrefixCode: PrefixCode,
      readShard: readShard, rank: rank, select: select, decodeCategories: decodeCategories, slug: slug, documentPath: documentPath,
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

  function load(path, versioned) {
    var url = new URL(path, baseURL).href + (versioned && state.meta ? '?v=' + state.meta.version : '');
    if (!cache[url]) {
      cache[url] = fetch(url, versioned ? {} : { cache: 'no-cache' }).then(function (response) {
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

  function loadJSON(path, versioned) {
    return load(path, versioned).then(function (buffer) { return JSON.parse(decoder.decode(buffer)); });
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
      var category = meta.categories[row[3] - 1];
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
      if (meta.format !== 1) throw new Error('unknown index format');
      meta.syllableCode = new PrefixCode(meta.impacts[0]);
      meta.pairCode = new PrefixCode(meta.impacts[1]);
      state.meta = meta;
      return meta;
    });
    return metaPromise.then(function (meta) {
      var categoryNumber = 0;
      meta.categories.forEach(function (c, i) { if (c[1] === query.cat) categoryNumber = i + 1; });
      var ranked = state.rankedQuery === query.q ? Promise.resolve(state.ranked)
        : rank(query.q, meta, function (n) { return load('index/' + n + '.bin', true); });
      var categories = categoryNumber && !state.categories
        ? load('cats.txt', true).then(function (buffer) { return decodeCategories(buffer, meta); })
        : Promise.resolve(state.categories);
      return Promise.all([ranked, categories]).then(function (results) {
        state.ranked = results[0];
        state.rankedQuery = query.q;
        state.categories = results[1];
        var selected = select(results[0], query.year, categoryNumber, results[1], meta);
        var pageSize = meta.pageSize || 10;
        var pageCount = Math.max(1, Math.ceil(selected.hits.length / pageSize));
        var page = Math.min(query.page, pageCount);
        var shown = selected.hits.slice((page - 1) * pageSize, page * pageSize);
        var chunks = [];
        shown.forEach(function (hit) {
          var chunk = Math.floor(hit.doc / meta.chunk);
          if (chunks.indexOf(chunk) < 0) chunks.push(chunk);
        });
        return Promise.all(chunks.map(function (c) { return loadJSON('docs/' + c + '.json', true); })).then(function (loaded) {
          if (runNumber !== state.run) return;
          var rows = shown.map(function (hit) {
            return loaded[chunks.indexOf(Math.floor(hit.doc / meta.chunk))][hit.doc % meta.chunk];
          });
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
