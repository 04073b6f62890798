#include "server/widget_page.h"

#include "core/text.h"

namespace beautyidx::server {
namespace {

// The widget's look (server/widget/widget.js), without its skeleton and shadow-DOM parts.
constexpr std::string_view kStyle = R"(
html{color-scheme:light dark}
body{margin:0;background:transparent}
.box{box-sizing:border-box;background:#fff;color:#1f1f23;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;padding:16px;border:1px solid #e7e5e4;border-radius:12px}
.h{margin:0 0 12px;font-size:18px;line-height:24px;font-weight:650}
.g{list-style:none;margin:0;padding:0;display:grid;gap:16px;grid-template-columns:repeat(auto-fill,minmax(160px,1fr))}
.c{box-sizing:border-box;display:flex;flex-direction:column;height:100%;color:inherit;text-decoration:none;border:1px solid #e7e5e4;border-radius:10px;overflow:hidden}
.c:hover,.c:focus{border-color:#b4456e}
.c:focus{outline:3px solid #b4456e;outline-offset:2px}
.i{display:block;position:relative;padding-top:62.5%;background:#f0eeed}
.i img{position:absolute;top:0;left:0;width:100%;height:100%;object-fit:cover}
.t,.x,.b,.f{display:block;margin:10px 12px 0;overflow-wrap:anywhere}
.c>:last-child{margin-bottom:12px}
.t{font-weight:600}
.x{font-size:13px;line-height:18px;color:#5d5d66}
.b{font-size:12px;color:#1f1f23}
.f{display:flex;align-items:center;gap:8px;margin:auto 12px 12px;padding-top:10px;font-size:12px;line-height:16px;color:#5d5d66}
.m{flex:1;min-width:0}
.p{margin-left:auto;padding:0 9px;border-radius:11px;line-height:22px;background:#b4456e;color:#fff;font-weight:600;white-space:nowrap}
.e{margin:0;color:#5d5d66}
@media (prefers-color-scheme:dark){.box,.c{background:#18181b;color:#f1f1f3;border-color:#303036}.x,.f,.e{color:#a9a9b2}.b{color:#f1f1f3}}
)";

void open_page(std::string& out, std::string_view heading, std::string_view title) {
  out +=
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex\">\n<title>";
  out += html_escape(title);
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<section class=\"box\" aria-label=\"";
  out += html_escape(heading);
  out += "\">\n<h2 class=\"h\">";
  out += html_escape(heading);
  out += "</h2>\n";
}

void close_page(std::string& out) { out += "</section>\n</body>\n</html>\n"; }

// <span class="CLASS">escaped text</span>, or nothing for empty text.
void span(std::string& out, const char* css_class, std::string_view text) {
  if (text.empty()) return;
  out += "<span class=\"";
  out += css_class;
  out += "\">";
  out += html_escape(text);
  out += "</span>";
}

void render_card(std::string& out, WidgetKind kind, const WidgetCard& card) {
  if (!is_http_url(card.url)) return;
  // target=_top: the page is a frame; a card opens in the reader's window, not inside it.
  out += "<li><a class=\"c\" target=\"_top\" href=\"";
  out += html_escape(card.url);
  // Product links are often affiliate links: tell crawlers not to pass ranking along them.
  out += kind == WidgetKind::kShop ? "\" rel=\"nofollow sponsored\">" : "\">";
  if (is_http_url(card.image)) {
    out += "<span class=\"i\"><img src=\"";
    out += html_escape(card.image);
    out += "\" alt=\"\" loading=\"lazy\" decoding=\"async\"></span>";
  }
  span(out, "t", card.title.empty() ? card.url : card.title);
  span(out, "x", card.excerpt);
  if (card.badge) {
    std::string badge = card.badge->name;
    if (!badge.empty() && !card.badge->credential.empty()) badge += ", ";
    badge += card.badge->credential;
    span(out, "b", badge);
  }
  if (!card.meta.empty() || !card.price.empty()) {
    out += "<span class=\"f\">";
    span(out, "m", card.meta);
    span(out, "p", card.price);
    out += "</span>";
  }
  out += "</a></li>\n";
}

}  // namespace

std::string widget_page(const WidgetCards& cards) {
  std::string heading = widget_heading(cards.kind);
  std::string out;
  out.reserve(4096 + cards.cards.size() * 600);
  open_page(out, heading,
            cards.article.title.empty() ? heading : heading + ": " + cards.article.title);
  if (cards.cards.empty()) {
    out += "<p class=\"e\">Nothing to show here yet.</p>\n";
  } else {
    out += "<ul class=\"g\">\n";
    for (const WidgetCard& card : cards.cards) render_card(out, cards.kind, card);
    out += "</ul>\n";
  }
  close_page(out);
  return out;
}

std::string widget_message_page(std::string_view heading, std::string_view message) {
  std::string out;
  open_page(out, heading, heading);
  out += "<p class=\"e\">";
  out += html_escape(message);
  out += "</p>\n";
  close_page(out);
  return out;
}

}  // namespace beautyidx::server
