#include "indexer/indexer.h"

#include <xapian.h>

#include <algorithm>
#include <ctime>
#include <set>

#include "core/date.h"
#include "core/json_internal.h"
#include "core/text.h"
#include "indexer/schema.h"
#include "url/url.h"

namespace beautyidx::indexer {
namespace {

using nlohmann::json;
using storage::Family;


std::string normalized_product_name(std::string_view name) {
  std::string out;
  for (const auto& word : match_words(name)) {
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

constexpr int kNearDuplicateBits = 3;

// Four 16-bit bands: two texts within 3 bits share at least one band exactly.
std::string band_key(int band, std::uint64_t hash, std::string_view id = "") {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "simhash/%d/%04llx/", band,
                static_cast<unsigned long long>((hash >> (band * 16)) & 0xFFFF));
  return std::string(buffer) + std::string(id);
}

std::string date_value(const std::optional<std::string>& published) {
  if (!published || published->size() < 10) return "";
  std::string out;
  for (char c : published->substr(0, 10)) {
    if (c != '-') out.push_back(c);
  }
  return out;
}

Error xapian_error(const Xapian::Error& e, const std::string& context) {
  return Error{ErrorKind::kIo, context + ": " + e.get_description()};
}


}  // namespace

std::uint64_t simhash(std::string_view text) {
  auto words = match_words(text);
  if (words.empty()) return 0;
  int weights[64] = {};
  size_t grams = words.size() >= 3 ? words.size() - 2 : 1;
  for (size_t i = 0; i < grams; ++i) {
    std::string gram = words[i];
    for (size_t k = i + 1; k < std::min(words.size(), i + 3); ++k) gram += ' ' + words[k];
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a, then a mixing step
    for (unsigned char c : gram) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    for (int bit = 0; bit < 64; ++bit) weights[bit] += (h >> bit) & 1 ? 1 : -1;
  }
  std::uint64_t out = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (weights[bit] > 0) out |= std::uint64_t{1} << bit;
  }
  return out;
}

int hamming_distance(std::uint64_t a, std::uint64_t b) { return __builtin_popcountll(a ^ b); }

std::string product_id(const Product& product) {
  return stable_id(to_lower_ascii(product.brand) + "|" + normalized_product_name(product.name));
}

std::string expert_id(const Speaker& speaker) { return stable_id(normalized_product_name(speaker.name)); }

std::string article_id(const std::string& canonical_url) { return stable_id(canonical_url); }

std::string snippet_of(const ExtractedPage& page) {
  if (!page.description.empty()) return page.description;
  std::string_view text = page.text;
  size_t cut = std::min<size_t>(text.size(), 240);
  while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string out(text.substr(0, cut));
  if (cut < text.size()) out += "\xE2\x80\xA6";
  return out;
}


struct Indexer::Impl {
  storage::Store* store = nullptr;
  Xapian::WritableDatabase db;
  Xapian::TermGenerator terms;

  // What an article had before, so re-indexing can remove it: quote and offer keys.
  Status remove_article(const std::string& id, storage::WriteBatch& batch) {
    auto existing = store->get(Family::kArticles, id);
    if (!existing) return std::unexpected(existing.error());
    json record = *existing ? json::parse(**existing, nullptr, false) : json();
    if (record.is_object()) {
      for (const auto& key : record.value("quote_keys", json::array())) {
        if (key.is_string()) batch.erase(Family::kQuotes, key.get<std::string>());
      }
      for (const auto& key : record.value("offer_keys", json::array())) {
        if (key.is_string()) batch.erase(Family::kOffers, key.get<std::string>());
      }
      if (record.contains("simhash") && record["simhash"].is_string()) {
        std::uint64_t old_hash = std::strtoull(record["simhash"].get<std::string>().c_str(), nullptr, 16);
        for (int band = 0; band < 4; ++band) batch.erase(Family::kMeta, band_key(band, old_hash, id));
      }
    }
    if (*existing) batch.erase(Family::kArticles, id);
    // Every document of an article carries its article term, so one call removes them all, even
    // ones the records lost track of; what index_page writes next is then added without a
    // lookup per document. (term_exists first: deleting by an absent term still costs Xapian a
    // walk of its pending changes.)
    try {
      const std::string term = std::string(schema::kArticleTerm) + id;
      if (*existing || db.term_exists(term)) db.delete_document(term);
    } catch (const Xapian::Error& e) {
      return std::unexpected(xapian_error(e, "remove article " + id));
    }
    return {};
  }

  void index_text(Xapian::Document& doc, const std::string& text, Xapian::termcount weight = 1,
                  const std::string& prefix = "") {
    // No positions: nothing searches phrases, and positional postings are most of the cost of
    // indexing and of the database's size.
    terms.set_document(doc);
    terms.index_text_without_positions(text, weight, prefix);
  }

  void add_taxonomy_terms(Xapian::Document& doc, const std::vector<std::string>& concerns,
                          const std::vector<std::string>& techniques) {
    for (const auto& c : concerns) doc.add_boolean_term(schema::boolean_term(schema::kConcernTerm, c));
    for (const auto& t : techniques) doc.add_boolean_term(schema::boolean_term(schema::kTechniqueTerm, t));
  }
};

Indexer::Indexer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Indexer::~Indexer() {
  try {
    impl_->db.close();
  } catch (const Xapian::Error&) {
    // Closing without commit() drops uncommitted changes, which is the documented contract.
  }
}

Result<std::unique_ptr<Indexer>> Indexer::open(const std::filesystem::path& db_dir, storage::Store& store) {
  auto impl = std::make_unique<Impl>();
  impl->store = &store;
  try {
    std::filesystem::create_directories(schema::xapian_dir(db_dir));
    impl->db = Xapian::WritableDatabase(schema::xapian_dir(db_dir).string(), Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "open index " + schema::xapian_dir(db_dir).string()));
  } catch (const std::filesystem::filesystem_error& e) {
    return make_error(ErrorKind::kIo, std::string("open index: ") + e.what());
  }
  impl->terms.set_stemmer(Xapian::Stem("en"));
  // Words and their Z-prefixed stems (schema.h). Stems alone index 20% faster but lost
  // related-article precision on the judged set (0.618 -> 0.570).
  impl->terms.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  auto version = store.get(Family::kMeta, schema::kSchemaVersionKey);
  if (!version) return std::unexpected(version.error());
  if (!*version) {
    if (auto s = store.put(Family::kMeta, schema::kSchemaVersionKey, std::to_string(schema::kSchemaVersion)); !s) {
      return std::unexpected(s.error());
    }
  } else if (std::atoi((*version)->c_str()) > schema::kSchemaVersion) {
    return make_error(ErrorKind::kInvalidArgument, "database " + db_dir.string() + " has schema version " + **version +
                                                       ", newer than this beautyidx (" +
                                                       std::to_string(schema::kSchemaVersion) + ")");
  }
  return std::unique_ptr<Indexer>(new Indexer(std::move(impl)));
}

Status Indexer::remove_url(const std::string& url) {
  auto normalized = url::normalize(url);
  std::string key = normalized ? *normalized : url;
  auto id = impl_->store->get(Family::kUrlIndex, key);
  if (!id) return std::unexpected(id.error());
  if (!*id) return {};
  storage::WriteBatch batch;
  if (auto s = impl_->remove_article(**id, batch); !s) return s;
  batch.erase(Family::kUrlIndex, key);
  return impl_->store->write(batch);
}

Status Indexer::index_page(const ExtractedPage& page) {
  const std::string& canonical = page.canonical_url.empty() ? page.url : page.canonical_url;
  if (page.kind != PageKind::kArticle || page.noindex) {
    if (auto s = remove_url(page.url); !s) return s;
    return canonical != page.url ? remove_url(canonical) : Status{};
  }
  const std::string id = article_id(canonical);
  storage::WriteBatch batch;
  // Near-duplicates: a syndicated copy of an article already indexed under another URL.
  const std::uint64_t fingerprint = simhash(page.text);
  std::string original;
  for (int band = 0; band < 4 && original.empty() && fingerprint != 0; ++band) {
    auto status = impl_->store->scan(Family::kMeta, band_key(band, fingerprint), [&](std::string_view key, std::string_view value) {
      std::string other(key.substr(key.rfind('/') + 1));
      std::uint64_t other_hash = std::strtoull(std::string(value).c_str(), nullptr, 16);
      if (other != id && hamming_distance(fingerprint, other_hash) <= kNearDuplicateBits) {
        original = other;
        return false;
      }
      return true;
    });
    if (!status) return status;
  }
  if (!original.empty()) {
    auto record_text = impl_->store->get(Family::kArticles, original);
    if (!record_text) return std::unexpected(record_text.error());
    if (*record_text) {
      json record = json::parse(**record_text, nullptr, false);
      if (record.is_object()) {
        json alternates = record.value("alternates", json::array());
        if (std::find(alternates.begin(), alternates.end(), canonical) == alternates.end()) alternates.push_back(canonical);
        record["alternates"] = alternates;
        batch.put(Family::kArticles, original, record.dump());
        batch.put(Family::kUrlIndex, canonical, original);
        if (page.url != canonical) batch.put(Family::kUrlIndex, page.url, original);
        ++stats_.duplicates;
        return impl_->store->write(batch);
      }
    }
  }
  // The URL may have indexed under another id before (canonical changed): remove that too.
  for (const std::string& u : {page.url, canonical}) {
    auto previous = impl_->store->get(Family::kUrlIndex, u);
    if (!previous) return std::unexpected(previous.error());
    if (*previous && **previous != id) {
      if (auto s = impl_->remove_article(**previous, batch); !s) return s;
    }
  }
  if (auto s = impl_->remove_article(id, batch); !s) return s;

  std::string host;
  if (auto parts = url::split(canonical)) host = parts->host;
  const std::string seen = utc_today();
  json article_ref = {{"id", id}, {"url", canonical}, {"title", page.title}};

  try {
    Xapian::WritableDatabase& db = impl_->db;
    // Article document.
    {
      Xapian::Document doc;
      impl_->index_text(doc, page.title, 3);
      impl_->index_text(doc, page.title, 1, std::string(schema::kTitlePrefix));
      impl_->index_text(doc, page.text);
      doc.add_boolean_term(std::string(schema::kTypeTerm) + "article");
      doc.add_boolean_term(std::string(schema::kArticleTerm) + id);
      if (!host.empty()) doc.add_boolean_term(schema::boolean_term(schema::kSiteTerm, host));
      for (const auto& a : page.authors) doc.add_boolean_term(schema::boolean_term(schema::kAuthorTerm, a));
      impl_->add_taxonomy_terms(doc, page.concerns, page.techniques);
      for (const auto& q : page.quotes) {
        if (q.speaker && !q.speaker->credential.empty()) {
          doc.add_boolean_term(std::string(schema::kExpertTerm) + expert_id(*q.speaker));
        }
      }
      for (const auto& p : page.products) doc.add_boolean_term(std::string(schema::kProductTerm) + product_id(p));
      doc.add_value(schema::kDateSlot, date_value(page.published));
      doc.add_value(schema::kArticleSlot, id);
      json data = {{"type", "article"}, {"id", id}, {"url", canonical}, {"title", page.title},
                   {"authors", page.authors}, {"published", page.published ? json(*page.published) : json(nullptr)},
                   {"snippet", snippet_of(page)}, {"concerns", page.concerns}, {"techniques", page.techniques}};
      doc.set_data(data.dump());
      doc.add_boolean_term(std::string(schema::kIdTerm) + "a" + id);
      db.add_document(doc);
    }

    // Quotes and experts.
    json quote_keys = json::array();
    for (size_t n = 0; n < page.quotes.size(); ++n) {
      const Quote& q = page.quotes[n];
      std::string key = schema::quote_key(id, n);
      quote_keys.push_back(key);
      json record = quote_json(q);
      record["article"] = article_ref;
      batch.put(Family::kQuotes, key, record.dump());

      Xapian::Document doc;
      impl_->index_text(doc, q.text);
      if (q.speaker) {
        impl_->index_text(doc, q.speaker->name + " " + q.speaker->credential);
        if (!q.speaker->credential.empty()) {
          std::string eid = expert_id(*q.speaker);
          doc.add_boolean_term(std::string(schema::kExpertTerm) + eid);
          doc.add_boolean_term(std::string(schema::kCredentialTerm) + credential_class_name(q.speaker->credential_class));
          json expert = {{"id", eid}, {"name", q.speaker->name}, {"credential", q.speaker->credential},
                         {"credential_class", credential_class_name(q.speaker->credential_class)},
                         {"affiliation", q.speaker->affiliation}};
          batch.put(Family::kExperts, eid, expert.dump());
        }
      }
      doc.add_boolean_term(std::string(schema::kTypeTerm) + "quote");
      doc.add_boolean_term(std::string(schema::kArticleTerm) + id);
      doc.add_boolean_term(std::string(schema::kStanceTerm) + stance_name(q.stance));
      if (!host.empty()) doc.add_boolean_term(schema::boolean_term(schema::kSiteTerm, host));
      impl_->add_taxonomy_terms(doc, q.concerns, q.techniques);
      doc.add_value(schema::kDateSlot, date_value(page.published));
      doc.add_value(schema::kArticleSlot, id);
      doc.set_data(record.dump());
      doc.add_boolean_term(std::string(schema::kIdTerm) + "q" + key);
      db.add_document(doc);
    }

    // Products: one offer document per product per article, collapsed by product at query time.
    json offer_keys = json::array();
    for (const Product& p : page.products) {
      std::string pid = product_id(p);
      std::string key = schema::offer_key(pid, id);
      offer_keys.push_back(key);
      json evidence = json::array();
      for (int e : p.evidence) {
        if (e < 0 || static_cast<size_t>(e) >= page.quotes.size()) continue;
        const Quote& q = page.quotes[static_cast<size_t>(e)];
        if (!q.speaker) continue;
        evidence.push_back({{"quote", q.text}, {"speaker", q.speaker->name}, {"credential", q.speaker->credential},
                            {"credential_class", credential_class_name(q.speaker->credential_class)},
                            {"stance", stance_name(q.stance)}, {"indirect", q.indirect},
                            {"article_url", canonical}, {"article_title", page.title}});
      }
      json product = product_json(p);
      product["id"] = pid;
      json offer = {{"product", product}, {"article", article_ref}, {"evidence", evidence},
                    {"first_seen", seen}, {"last_seen", seen}};
      // An offer seen before keeps its first-seen date and its price history; a recrawl that
      // finds another price adds a point.
      json history = json::array();
      if (auto old = impl_->store->get(Family::kOffers, key); old && *old) {
        json previous = json::parse(**old, nullptr, false);
        if (previous.is_object()) {
          if (previous.contains("first_seen")) offer["first_seen"] = previous["first_seen"];
          if (previous.contains("history") && previous["history"].is_array()) history = previous["history"];
        }
      }
      json point = {{"date", seen}, {"price", price_json(p.price)}};
      if (history.empty() || history.back().value("price", json()) != point["price"]) history.push_back(point);
      if (history.size() > 100) history.erase(history.begin());
      offer["history"] = history;
      batch.put(Family::kOffers, key, offer.dump());
      json product_record = {{"id", pid}, {"name", p.name}, {"brand", p.brand}};
      batch.put(Family::kProducts, pid, product_record.dump());

      Xapian::Document doc;
      impl_->index_text(doc, p.brand + " " + p.name, 3);
      if (static_cast<size_t>(p.section) < page.sections.size()) {
        impl_->index_text(doc, page.sections[static_cast<size_t>(p.section)].heading, 2);
      }
      for (const auto& e : evidence) impl_->index_text(doc, e["quote"].get<std::string>());
      doc.add_boolean_term(std::string(schema::kTypeTerm) + "product");
      doc.add_boolean_term(std::string(schema::kArticleTerm) + id);
      doc.add_boolean_term(std::string(schema::kProductTerm) + pid);
      if (!p.brand.empty()) doc.add_boolean_term(schema::boolean_term(schema::kBrandTerm, p.brand));
      if (!p.retailer.empty()) doc.add_boolean_term(schema::boolean_term(schema::kRetailerTerm, p.retailer));
      doc.add_boolean_term(std::string(schema::kCurrencyTerm) + p.price.currency);
      if (!host.empty()) doc.add_boolean_term(schema::boolean_term(schema::kSiteTerm, host));
      impl_->add_taxonomy_terms(doc, p.concerns, p.techniques);
      doc.add_value(schema::kPriceMinSlot, Xapian::sortable_serialise(p.price.amount));
      doc.add_value(schema::kPriceMaxSlot, Xapian::sortable_serialise(p.price.max.value_or(p.price.amount)));
      doc.add_value(schema::kDateSlot, date_value(page.published));
      doc.add_value(schema::kProductSlot, pid);
      doc.add_value(schema::kArticleSlot, id);
      doc.set_data(offer.dump());
      doc.add_boolean_term(std::string(schema::kIdTerm) + "p" + key);
      db.add_document(doc);
    }

    json record = page_json(page);
    record["id"] = id;
    record["quote_keys"] = quote_keys;
    record["offer_keys"] = offer_keys;
    record["indexed"] = seen;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fingerprint));
    record["simhash"] = hex;
    for (int band = 0; band < 4 && fingerprint != 0; ++band) batch.put(Family::kMeta, band_key(band, fingerprint, id), hex);
    batch.put(Family::kArticles, id, record.dump());
    batch.put(Family::kUrlIndex, canonical, id);
    if (page.url != canonical) batch.put(Family::kUrlIndex, page.url, id);
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "index " + canonical));
  }
  // Not synced: a crawl marks the page done only after commit(), which syncs, so a crash
  // before then re-indexes the page rather than losing it.
  if (auto s = impl_->store->write(batch, /*sync=*/false); !s) return s;
  ++stats_.articles;
  stats_.quotes += page.quotes.size();
  stats_.products += page.products.size();
  return {};
}

Status Indexer::commit() {
  try {
    impl_->db.commit();
    // Make the unsynced record writes durable too (an empty synced write flushes the WAL).
    if (auto s = impl_->store->write(storage::WriteBatch(), /*sync=*/true); !s) return s;
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "commit index"));
  }
  return {};
}

Result<CheckReport> Indexer::check(bool repair) {
  CheckReport report;
  auto note = [&](std::string problem) {
    if (report.problems.size() < 20) report.problems.push_back(std::move(problem));
  };
  std::vector<std::string> mismatched;
  std::set<std::string> ids;
  try {
    Xapian::WritableDatabase& db = impl_->db;
    auto status = impl_->store->scan(Family::kArticles, "", [&](std::string_view key, std::string_view value) {
      std::string id(key);
      ids.insert(id);
      ++report.articles;
      json record = json::parse(value, nullptr, false);
      size_t expected = 1;
      if (record.is_object()) {
        expected += record.value("quote_keys", json::array()).size() + record.value("offer_keys", json::array()).size();
      }
      size_t found = db.get_termfreq(std::string(schema::kArticleTerm) + id);
      if (found > 0) ++report.search_articles;
      if (found != expected) {
        note("article " + id + ": " + std::to_string(found) + " search documents, expected " + std::to_string(expected));
        mismatched.push_back(id);
      }
      return true;
    });
    if (!status) return std::unexpected(status.error());
    report.mismatched = mismatched.size();

    std::vector<std::string> orphans;
    const std::string prefix(schema::kArticleTerm);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      std::string id = (*it).substr(prefix.size());
      if (!ids.count(id)) {
        note("search documents of article " + id + ", which has no record");
        orphans.push_back(*it);
      }
    }
    report.orphans = orphans.size();

    std::vector<std::string> dangling;
    status = impl_->store->scan(Family::kUrlIndex, "", [&](std::string_view key, std::string_view value) {
      if (!ids.count(std::string(value))) {
        note("URL " + std::string(key) + " names missing article " + std::string(value));
        dangling.emplace_back(key);
      }
      return true;
    });
    if (!status) return std::unexpected(status.error());
    report.dangling_urls = dangling.size();

    if (!repair) {
      report.unrepaired = report.mismatched + report.orphans + report.dangling_urls;
      return report;
    }
    for (const std::string& term : orphans) {
      db.delete_document(term);
      ++report.repaired;
    }
    storage::WriteBatch batch;
    for (const std::string& url : dangling) batch.erase(Family::kUrlIndex, url);
    if (auto s = impl_->store->write(batch); !s) return std::unexpected(s.error());
    report.repaired += dangling.size();
    for (const std::string& id : mismatched) {
      // The record holds the whole extracted page: index it again, which rewrites its documents.
      auto raw = impl_->store->get(Family::kArticles, id);
      if (!raw) return std::unexpected(raw.error());
      json record = *raw ? json::parse(**raw, nullptr, false) : json();
      if (!record.is_object()) {
        note("article " + id + ": record unreadable, cannot re-index it");
        ++report.unrepaired;
        continue;
      }
      if (auto s = index_page(page_from(record)); !s) {
        note("article " + id + ": " + s.error().message);
        ++report.unrepaired;
        continue;
      }
      ++report.repaired;
    }
    if (auto s = commit(); !s) return std::unexpected(s.error());
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "check"));
  }
  return report;
}

}  // namespace beautyidx::indexer
