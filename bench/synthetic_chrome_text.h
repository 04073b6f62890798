// The static tables of the synthetic site's page chrome (bench/synthetic_chrome*.cc): what a
// WordPress beauty-blog theme wraps around every article: head tags, menus, widgets, footer,
// consent banner, styles and scripts, all written for this site. Links inside the site go only
// to the paths the benches serve or already link (the home page, the five section paths,
// articles); every other menu or footer link names the site's production host, its shop or
// another host, the way WordPress stores menu links as absolute URLs. Static tables only;
// included by the chrome's sources alone.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace beautyidx::bench::synthetic {

using std::string_view;

inline constexpr string_view kSiteHost = "https://www.synthetic-glow.example";
inline constexpr string_view kUploads = "https://cdn.synthetic-glow.example/wp-content/uploads/";

// WordPress names a menu item's classes after what it links to.
enum class MenuKind : std::uint8_t { kCategory, kPage, kCustom };

struct MenuItem {
  std::uint8_t depth;  // 0: in the bar, 1: in its parent's drop-down
  MenuKind kind;
  string_view label;
  string_view href;  // a path the site serves ("/skincare/") or an absolute URL
};

inline constexpr std::array<MenuItem, 37> kPrimaryMenu = {{
    {0, MenuKind::kCategory, "Skincare", "/skincare/"},
    {1, MenuKind::kCategory, "Acne &amp; Breakouts",
     "https://www.synthetic-glow.example/skincare/acne/"},
    {1, MenuKind::kCategory, "Anti-Aging",
     "https://www.synthetic-glow.example/skincare/anti-aging/"},
    {1, MenuKind::kCategory, "Dark Spots",
     "https://www.synthetic-glow.example/skincare/dark-spots/"},
    {1, MenuKind::kCategory, "Dry &amp; Dehydrated Skin",
     "https://www.synthetic-glow.example/skincare/dry-skin/"},
    {1, MenuKind::kCategory, "Sensitive Skin",
     "https://www.synthetic-glow.example/skincare/sensitive-skin/"},
    {1, MenuKind::kCategory, "Sun Care", "https://www.synthetic-glow.example/skincare/sun-care/"},
    {1, MenuKind::kCategory, "Serums &amp; Treatments",
     "https://www.synthetic-glow.example/skincare/serums/"},
    {0, MenuKind::kCategory, "Tools &amp; Devices", "/tools/"},
    {1, MenuKind::kCategory, "Facial Rollers",
     "https://www.synthetic-glow.example/tools/facial-rollers/"},
    {1, MenuKind::kCategory, "Gua Sha", "https://www.synthetic-glow.example/tools/gua-sha/"},
    {1, MenuKind::kCategory, "Microcurrent",
     "https://www.synthetic-glow.example/tools/microcurrent/"},
    {1, MenuKind::kCategory, "LED Light Therapy", "https://www.synthetic-glow.example/tools/led/"},
    {1, MenuKind::kCategory, "Cleansing Brushes",
     "https://www.synthetic-glow.example/tools/cleansing-brushes/"},
    {0, MenuKind::kCategory, "Hair", "/hair/"},
    {1, MenuKind::kCategory, "Scalp Care", "https://www.synthetic-glow.example/hair/scalp-care/"},
    {1, MenuKind::kCategory, "Thinning &amp; Shedding",
     "https://www.synthetic-glow.example/hair/thinning/"},
    {1, MenuKind::kCategory, "Frizz Control", "https://www.synthetic-glow.example/hair/frizz/"},
    {1, MenuKind::kCategory, "Oils &amp; Masks",
     "https://www.synthetic-glow.example/hair/oils-masks/"},
    {1, MenuKind::kCategory, "Heat Styling",
     "https://www.synthetic-glow.example/hair/heat-styling/"},
    {1, MenuKind::kCategory, "Curls &amp; Coils", "https://www.synthetic-glow.example/hair/curls/"},
    {0, MenuKind::kCategory, "Makeup", "https://www.synthetic-glow.example/makeup/"},
    {0, MenuKind::kCategory, "Best Of", "/best/"},
    {1, MenuKind::kCategory, "Best Sunscreens",
     "https://www.synthetic-glow.example/best/sunscreens/"},
    {1, MenuKind::kCategory, "Best Serums", "https://www.synthetic-glow.example/best/serums/"},
    {1, MenuKind::kCategory, "Best Beauty Devices",
     "https://www.synthetic-glow.example/best/devices/"},
    {1, MenuKind::kCategory, "Best Drugstore Finds",
     "https://www.synthetic-glow.example/best/drugstore/"},
    {1, MenuKind::kCategory, "Gifts Under $50",
     "https://www.synthetic-glow.example/best/gifts-under-50/"},
    {1, MenuKind::kPage, "Glow Awards 2026", "https://www.synthetic-glow.example/glow-awards/"},
    {0, MenuKind::kCustom, "Shop", "https://shop.synthetic-glow.example/"},
    {1, MenuKind::kCustom, "New Arrivals", "https://shop.synthetic-glow.example/collections/new/"},
    {1, MenuKind::kCustom, "Bestsellers",
     "https://shop.synthetic-glow.example/collections/bestsellers/"},
    {1, MenuKind::kCustom, "Gift Sets",
     "https://shop.synthetic-glow.example/collections/gift-sets/"},
    {0, MenuKind::kPage, "About", "/about/"},
    {1, MenuKind::kPage, "Meet the Team", "https://www.synthetic-glow.example/about/team/"},
    {1, MenuKind::kPage, "Editorial Guidelines",
     "https://www.synthetic-glow.example/about/editorial-guidelines/"},
    {1, MenuKind::kPage, "Contact Us", "https://www.synthetic-glow.example/contact/"},
}};

// Footer columns: a heading, then its links (depth 1), as the footer widgets list them.
inline constexpr std::array<MenuItem, 20> kFooterMenus = {{
    {0, MenuKind::kCustom, "Explore", ""},
    {1, MenuKind::kCategory, "Skincare", "/skincare/"},
    {1, MenuKind::kCategory, "Tools &amp; Devices", "/tools/"},
    {1, MenuKind::kCategory, "Hair", "/hair/"},
    {1, MenuKind::kCategory, "Best Of", "/best/"},
    {1, MenuKind::kCategory, "Makeup", "https://www.synthetic-glow.example/makeup/"},
    {1, MenuKind::kCategory, "Wellness", "https://www.synthetic-glow.example/wellness/"},
    {0, MenuKind::kCustom, "Company", ""},
    {1, MenuKind::kPage, "About Synthetic Glow", "/about/"},
    {1, MenuKind::kPage, "Editorial Standards",
     "https://www.synthetic-glow.example/about/editorial-guidelines/"},
    {1, MenuKind::kPage, "Advertise With Us", "https://www.synthetic-glow.example/advertise/"},
    {1, MenuKind::kCustom, "Careers", "https://careers.synthetic-glow.example/"},
    {1, MenuKind::kPage, "Contact", "https://www.synthetic-glow.example/contact/"},
    {0, MenuKind::kCustom, "Legal", ""},
    {1, MenuKind::kPage, "Privacy Policy", "https://www.synthetic-glow.example/privacy-policy/"},
    {1, MenuKind::kPage, "Terms of Use", "https://www.synthetic-glow.example/terms/"},
    {1, MenuKind::kPage, "Cookie Policy", "https://www.synthetic-glow.example/cookie-policy/"},
    {1, MenuKind::kPage, "Accessibility Statement",
     "https://www.synthetic-glow.example/accessibility/"},
    {1, MenuKind::kPage, "Affiliate Disclosure",
     "https://www.synthetic-glow.example/affiliate-disclosure/"},
    {1, MenuKind::kPage, "Your Privacy Choices",
     "https://www.synthetic-glow.example/privacy-choices/"},
}};

struct SocialAccount {
  string_view name;
  string_view icon;  // the sprite symbol or icon-font glyph: "icon-instagram"
  string_view url;
};

inline constexpr std::array<SocialAccount, 6> kSocialAccounts = {{
    {"Instagram", "icon-instagram", "https://www.instagram.com/syntheticglow/"},
    {"TikTok", "icon-tiktok", "https://www.tiktok.com/@syntheticglow"},
    {"Pinterest", "icon-pinterest", "https://www.pinterest.com/syntheticglow/"},
    {"YouTube", "icon-youtube", "https://www.youtube.com/@syntheticglow"},
    {"Facebook", "icon-facebook", "https://www.facebook.com/syntheticglow"},
    {"Threads", "icon-threads", "https://www.threads.net/@syntheticglow"},
}};

// The sidebar's category widget: label, slug under the production host, post count.
struct CategoryCount {
  string_view label;
  string_view slug;
  unsigned posts;
};

inline constexpr std::array<CategoryCount, 12> kCategoryCounts = {{
    {"Acne &amp; Breakouts", "skincare/acne", 214},
    {"Anti-Aging", "skincare/anti-aging", 301},
    {"Dark Spots", "skincare/dark-spots", 142},
    {"Facial Rollers", "tools/facial-rollers", 97},
    {"Frizz Control", "hair/frizz", 71},
    {"Gua Sha", "tools/gua-sha", 118},
    {"LED Light Therapy", "tools/led", 76},
    {"Microcurrent", "tools/microcurrent", 83},
    {"Scalp Care", "hair/scalp-care", 109},
    {"Sensitive Skin", "skincare/sensitive-skin", 165},
    {"Sun Care", "skincare/sun-care", 132},
    {"Thinning &amp; Shedding", "hair/thinning", 94},
}};

// Visible chrome text. The test reads some of these to prove they never reach the article text.
inline constexpr string_view kTagline = "Skincare, tools and the science behind them";
inline constexpr string_view kPromoText =
    "Free shipping on Glow Shop orders over $35, and a free mini with every tool kit this week.";
inline constexpr string_view kNewsletterTitle = "Get The Glow Report";
inline constexpr string_view kNewsletterText =
    "Our testers' favorite finds, expert advice and the best deals of the week, in your inbox "
    "every Thursday morning.";
inline constexpr string_view kNewsletterFinePrint =
    "You can unsubscribe at any time. We never sell your email address; see our privacy policy "
    "for how we use it.";
inline constexpr string_view kCookieText =
    "We use cookies and similar technologies to run this site, remember your settings, measure "
    "how our pages are read and show ads that fit your interests. Choose Accept all to allow "
    "them, or pick what to allow under Manage choices. You can change your mind at any time "
    "from the Cookie Settings link at the bottom of every page.";
inline constexpr string_view kAboutWidgetText =
    "Synthetic Glow is an independent team of editors and testers who put skincare, tools and "
    "hair care through weeks of everyday use before we recommend anything.";
inline constexpr string_view kLegalText =
    "Synthetic Glow participates in affiliate programs with retailers, so we may receive a share "
    "of sales from products bought through links on this site. Our editors choose every product "
    "on their own, and brands never pay for a place in our reviews. The content on this site is "
    "for general information and is not a substitute for advice from a dermatologist, doctor or "
    "other qualified professional about your own skin, scalp or health. Material on this site may "
    "not be copied, distributed or otherwise used without the written permission of Synthetic "
    "Glow Media.";
inline constexpr string_view kCopyright =
    "\xC2\xA9 2026 Synthetic Glow Media, LLC. All rights reserved.";

// ---- Chrome: styles --------------------------------------------------------------------------

// The theme's own rules, in the order a critical-CSS tool keeps them: the first part styles what
// shows above the fold, so a per-page critical block is a prefix of this and the generated
// presets after it.
inline constexpr string_view kThemeCss =
    R"CSS(:root{--glow-rose:#c9677f;--glow-rose-dark:#a34d64;--glow-ink:#1f1b24;--glow-muted:#6b6470;--glow-line:#ece6ea;--glow-paper:#fffafb;--glow-sand:#f6efe9;--glow-font-body:"Source Serif Glow",Georgia,"Times New Roman",serif;--glow-font-ui:"Glow Sans",-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;--glow-radius:6px;--glow-shadow:0 6px 24px rgba(31,27,36,.08);--glow-header-height:72px;--glow-content-width:720px;--glow-wide-width:1240px}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;scroll-padding-top:calc(var(--glow-header-height) + 16px)}
body{margin:0;background:var(--glow-paper);color:var(--glow-ink);font-family:var(--glow-font-body);font-size:1.0625rem;line-height:1.65;-webkit-font-smoothing:antialiased}
a{color:var(--glow-rose-dark);text-decoration-thickness:1px;text-underline-offset:.18em}
a:hover,a:focus{color:var(--glow-ink)}
img{max-width:100%;height:auto;vertical-align:middle}
.screen-reader-text{border:0;clip:rect(1px,1px,1px,1px);clip-path:inset(50%);height:1px;margin:-1px;overflow:hidden;padding:0;position:absolute!important;width:1px;word-wrap:normal!important}
.screen-reader-text:focus{background:#fff;clip:auto!important;clip-path:none;color:var(--glow-ink);display:block;font-size:.875rem;height:auto;left:8px;padding:12px 20px;top:8px;width:auto;z-index:100000}
.promo-bar{background:var(--glow-ink);color:#fff;font:500 .8125rem/1.4 var(--glow-font-ui);padding:8px 16px;text-align:center}
.promo-bar a{color:#fff;font-weight:700}
.site-header{position:sticky;top:0;z-index:50;background:#fff;border-bottom:1px solid var(--glow-line);min-height:var(--glow-header-height)}
.admin-bar .site-header{top:32px}
.header-inner{display:flex;align-items:center;gap:24px;margin:0 auto;max-width:var(--glow-wide-width);padding:0 20px;min-height:var(--glow-header-height)}
.site-branding{display:flex;align-items:center;gap:10px;flex-shrink:0}
.site-title{font:700 1.5rem/1 var(--glow-font-ui);letter-spacing:-.02em;margin:0}
.site-title a{color:var(--glow-ink);text-decoration:none}
.site-description{color:var(--glow-muted);font:400 .75rem/1.2 var(--glow-font-ui);margin:2px 0 0}
.main-navigation{flex:1;font-family:var(--glow-font-ui)}
.main-navigation ul{list-style:none;margin:0;padding:0}
.main-navigation .menu>li{display:inline-block;position:relative}
.main-navigation .menu>li>a{color:var(--glow-ink);display:block;font-size:.9375rem;font-weight:600;padding:24px 12px;text-decoration:none}
.main-navigation .sub-menu{background:#fff;border:1px solid var(--glow-line);border-radius:var(--glow-radius);box-shadow:var(--glow-shadow);left:-999em;min-width:240px;padding:10px 0;position:absolute;top:100%;z-index:60}
.main-navigation li:hover>.sub-menu,.main-navigation li.focus>.sub-menu{left:0}
.main-navigation .sub-menu a{color:var(--glow-ink);display:block;font-size:.875rem;padding:7px 18px;text-decoration:none}
.main-navigation .sub-menu a:hover{background:var(--glow-sand)}
.menu-toggle{display:none;background:none;border:0;cursor:pointer;padding:10px}
.header-actions{display:flex;align-items:center;gap:14px;margin-left:auto}
.header-actions a,.header-actions button{color:var(--glow-ink);background:none;border:0;cursor:pointer;padding:6px}
.icon{display:inline-block;fill:none;height:20px;stroke:currentColor;stroke-linecap:round;stroke-linejoin:round;stroke-width:1.6;vertical-align:middle;width:20px}
.icon-font{font-family:"glow-icons";font-style:normal;speak:never;display:inline-block;line-height:1}
.cart-count{background:var(--glow-rose);border-radius:9px;color:#fff;font:700 .6875rem/18px var(--glow-font-ui);min-width:18px;padding:0 5px;text-align:center}
.search-form{display:flex;gap:6px}
.search-field{border:1px solid var(--glow-line);border-radius:999px;font:400 .875rem var(--glow-font-ui);padding:8px 14px;width:190px}
.ad-slot{display:flex;align-items:center;justify-content:center;margin:24px auto;min-height:90px;background:var(--glow-sand);position:relative}
.ad-slot::before{content:attr(data-label);color:var(--glow-muted);font:400 .625rem var(--glow-font-ui);letter-spacing:.08em;position:absolute;text-transform:uppercase;top:4px}
.ad-leaderboard{min-height:250px;max-width:970px}
.site-content{display:grid;gap:48px;grid-template-columns:minmax(0,1fr) 300px;margin:0 auto;max-width:var(--glow-wide-width);padding:24px 20px 64px}
.breadcrumbs{color:var(--glow-muted);font:400 .8125rem var(--glow-font-ui);grid-column:1/-1}
.breadcrumbs ol{display:flex;flex-wrap:wrap;gap:6px;list-style:none;margin:0;padding:0}
.breadcrumbs li+li::before{content:"\203A";margin-right:6px}
.entry-title{font:700 clamp(1.875rem,4vw,2.75rem)/1.15 var(--glow-font-ui);letter-spacing:-.02em;margin:8px 0 16px}
.byline{color:var(--glow-muted);font:400 .875rem var(--glow-font-ui)}
.byline a{color:var(--glow-ink);font-weight:600;text-decoration:none}
.disclosure{color:var(--glow-muted);font:italic 400 .8125rem var(--glow-font-ui);margin:12px 0 20px}
.post-thumbnail{margin:0 0 28px}
.post-thumbnail img{border-radius:var(--glow-radius);width:100%}
.share-buttons{display:flex;flex-wrap:wrap;gap:8px;margin:16px 0}
.share-buttons a,.share-buttons button{align-items:center;border:1px solid var(--glow-line);border-radius:999px;color:var(--glow-ink);display:inline-flex;font:600 .75rem var(--glow-font-ui);gap:6px;padding:6px 12px;text-decoration:none;background:#fff}
.wp-block-image{margin:32px 0}
.wp-block-image img{border-radius:var(--glow-radius)}
article.post h2{font:700 1.625rem/1.25 var(--glow-font-ui);margin:40px 0 12px}
article.post h3{font:700 1.25rem/1.3 var(--glow-font-ui);margin:32px 0 10px}
article.post p.price{font:600 .9375rem var(--glow-font-ui)}
article.post p.price a{background:var(--glow-rose);border-radius:999px;color:#fff;display:inline-block;padding:8px 18px;text-decoration:none}
.tags{font:400 .8125rem var(--glow-font-ui);margin:32px 0}
.tags a{background:var(--glow-sand);border-radius:999px;color:var(--glow-ink);padding:4px 10px;text-decoration:none}
.author-bio{background:var(--glow-sand);border-radius:var(--glow-radius);font-size:.9375rem;margin:40px 0;padding:20px 24px}
.related-posts ul{display:grid;gap:12px;grid-template-columns:repeat(2,minmax(0,1fr));list-style:none;padding:0}
.related-posts a{color:var(--glow-ink);font:600 1rem/1.35 var(--glow-font-ui);text-decoration:none}
.comments-area{border-top:1px solid var(--glow-line);margin-top:48px;padding-top:24px}
.comment-list{list-style:none;padding:0}
.comment{border-bottom:1px solid var(--glow-line);padding:16px 0}
.comment-author{font:700 .875rem var(--glow-font-ui);margin:0 0 4px}
.comment-respond{margin-top:32px}
.comment-form label{display:block;font:600 .8125rem var(--glow-font-ui);margin-bottom:4px}
.comment-form input[type=text],.comment-form input[type=email],.comment-form input[type=url],.comment-form textarea{border:1px solid var(--glow-line);border-radius:var(--glow-radius);font:inherit;padding:10px 12px;width:100%}
.comment-form .submit{background:var(--glow-ink);border:0;border-radius:999px;color:#fff;cursor:pointer;font:700 .875rem var(--glow-font-ui);padding:12px 26px}
.more-stories{grid-column:1/-1;margin-top:56px}
.more-stories__grid{display:grid;gap:24px;grid-template-columns:repeat(4,minmax(0,1fr));list-style:none;margin:0;padding:0}
.story-card__image img{aspect-ratio:3/2;border-radius:var(--glow-radius);object-fit:cover;width:100%}
.story-card__category{color:var(--glow-rose-dark);font:700 .6875rem var(--glow-font-ui);letter-spacing:.08em;text-transform:uppercase}
.story-card__title{font:700 1.0625rem/1.3 var(--glow-font-ui);margin:6px 0 0}
.story-card__title a{color:var(--glow-ink);text-decoration:none}
.sidebar{font-family:var(--glow-font-ui)}
.sidebar .widget{margin:0 0 40px}
.widget-title{border-bottom:2px solid var(--glow-ink);font:800 .8125rem var(--glow-font-ui);letter-spacing:.1em;margin:0 0 16px;padding-bottom:8px;text-transform:uppercase}
.widget ul{list-style:none;margin:0;padding:0}
.popular-list li{display:grid;gap:12px;grid-template-columns:96px 1fr;margin-bottom:16px}
.popular-list img{aspect-ratio:3/2;border-radius:4px;object-fit:cover}
.popular-list .popular-title{color:var(--glow-ink);font:600 .9375rem/1.3 var(--glow-font-ui);text-decoration:none}
.cat-item{border-bottom:1px solid var(--glow-line);display:flex;justify-content:space-between;padding:8px 0}
.newsletter{background:var(--glow-ink);border-radius:var(--glow-radius);color:#fff;padding:24px}
.newsletter input[type=email]{border:0;border-radius:999px;margin:12px 0;padding:10px 14px;width:100%}
.newsletter button{background:var(--glow-rose);border:0;border-radius:999px;color:#fff;font-weight:700;padding:10px 20px;width:100%}
.newsletter small{color:rgba(255,255,255,.7);display:block;font-size:.6875rem;margin-top:10px}
.ad-sidebar{min-height:600px;position:sticky;top:calc(var(--glow-header-height) + 24px)}
.social-follow{display:flex;gap:10px}
.site-footer{background:var(--glow-ink);color:#d9d2da;font:400 .875rem/1.6 var(--glow-font-ui);padding:56px 20px 32px}
.site-footer a{color:#fff;text-decoration:none}
.footer-widgets{display:grid;gap:32px;grid-template-columns:repeat(5,minmax(0,1fr));margin:0 auto;max-width:var(--glow-wide-width)}
.footer-legal{border-top:1px solid rgba(255,255,255,.15);font-size:.75rem;margin:40px auto 0;max-width:var(--glow-wide-width);padding-top:24px}
.cookie-notice{background:#fff;border-top:1px solid var(--glow-line);bottom:0;box-shadow:0 -8px 24px rgba(31,27,36,.12);font:400 .875rem/1.5 var(--glow-font-ui);left:0;padding:18px 24px;position:fixed;right:0;z-index:9999}
.cookie-notice__actions{display:flex;flex-wrap:wrap;gap:10px;margin-top:12px}
.cookie-notice button{border:1px solid var(--glow-ink);border-radius:999px;cursor:pointer;font:700 .8125rem var(--glow-font-ui);padding:9px 18px}
.cookie-notice .accept{background:var(--glow-ink);color:#fff}
.cookie-notice.is-hidden{display:none}
@media (max-width:1024px){.site-content{grid-template-columns:minmax(0,1fr)}.sidebar{display:none}.more-stories__grid{grid-template-columns:repeat(2,minmax(0,1fr))}.footer-widgets{grid-template-columns:repeat(2,minmax(0,1fr))}}
@media (max-width:782px){.admin-bar .site-header{top:46px}.menu-toggle{display:block}.main-navigation .menu{display:none}.main-navigation.toggled .menu{display:block;position:absolute;left:0;right:0;top:100%;background:#fff;max-height:calc(100vh - var(--glow-header-height));overflow:auto}.main-navigation .sub-menu{position:static;box-shadow:none;border:0;left:auto}.search-field{width:120px}.related-posts ul{grid-template-columns:minmax(0,1fr)}}
@media (prefers-reduced-motion:reduce){*{animation-duration:.01ms!important;transition-duration:.01ms!important;scroll-behavior:auto!important}}
@media print{.site-header,.sidebar,.site-footer,.cookie-notice,.ad-slot,.share-buttons,.more-stories{display:none!important}}
)CSS";

// The block editor's presets, generated into classes as WordPress prints them.
struct PaletteColor {
  string_view slug;
  string_view hex;
};

inline constexpr std::array<PaletteColor, 18> kPalette = {{
    {"black", "#000000"},
    {"white", "#ffffff"},
    {"ink", "#1f1b24"},
    {"muted", "#6b6470"},
    {"rose", "#c9677f"},
    {"rose-dark", "#a34d64"},
    {"blush", "#f4d6dd"},
    {"petal", "#fbe9ed"},
    {"sand", "#f6efe9"},
    {"clay", "#c98d6b"},
    {"sage", "#9fb8a0"},
    {"mint", "#dcefe3"},
    {"sky", "#cfe3f3"},
    {"lavender", "#d9cff0"},
    {"plum", "#6a3d5d"},
    {"gold", "#c7a24a"},
    {"line", "#ece6ea"},
    {"paper", "#fffafb"},
}};

inline constexpr std::array<string_view, 8> kFontSizes = {
    "small", "medium", "large", "x-large", "xx-large", "huge", "caption", "eyebrow"};

inline constexpr std::array<string_view, 9> kSpacingSteps = {"0",    "4px",  "8px",  "12px", "16px",
                                                             "24px", "32px", "48px", "64px"};

// ---- Chrome: scripts --------------------------------------------------------------------------

// Consent defaults and the data layer, before anything else in <head> can set a cookie.
inline constexpr string_view kConsentDefaultsJs =
    R"JS(window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}
gtag("consent","default",{ad_storage:"denied",ad_user_data:"denied",ad_personalization:"denied",analytics_storage:"denied",functionality_storage:"granted",security_storage:"granted",wait_for_update:600,region:["AT","BE","BG","HR","CY","CZ","DK","EE","FI","FR","DE","GR","HU","IS","IE","IT","LV","LI","LT","LU","MT","NL","NO","PL","PT","RO","SK","SI","ES","SE","CH","GB"]});
gtag("consent","default",{ad_storage:"granted",ad_user_data:"granted",ad_personalization:"granted",analytics_storage:"granted"});
gtag("set","url_passthrough",true);gtag("set","ads_data_redaction",true);
(function(){try{var saved=JSON.parse(localStorage.getItem("glow_consent")||"null");if(saved&&saved.v===4){gtag("consent","update",saved.choices);document.documentElement.classList.add("glow-consent-known");}}catch(e){}})();
)JS";

// The consent manager's purposes, in its own words; its vendor list is generated from
// kAdVendors.
struct ConsentPurpose {
  string_view name;
  string_view description;
};

inline constexpr std::array<ConsentPurpose, 10> kConsentPurposes = {{
    {"Store and read information on your device",
     "Cookies and similar identifiers may be stored on your device and read back later."},
    {"Show basic ads", "Ads can be chosen from what you are reading right now and rough location."},
    {"Build an ad profile",
     "What you read and click here can be combined into a profile used for later ads."},
    {"Show ads from a profile", "Ads can be chosen from a profile built earlier."},
    {"Build a content profile", "Your reading can shape which stories we put in front of you."},
    {"Show content from a profile", "Stories can be chosen from a profile built earlier."},
    {"Measure ad performance", "Whether an ad was seen and acted on can be counted."},
    {"Measure content performance", "How our pages are read can be counted and compared."},
    {"Understand audiences", "Counts from many visitors can be combined into audience reports."},
    {"Improve services", "What we measure can be used to fix and improve the site."},
}};

inline constexpr std::array<string_view, 8> kAdVendors = {
    "Lumen Metrics",  "Brightpath Ads",   "Northwind Audience", "Cobalt Exchange",
    "Palisade Media", "Orchid Analytics", "Tandem Bid",         "Quartzline",
};

// Header bidders for the ad slots: a name and the shape of its parameters.
struct Bidder {
  string_view name;
  string_view params;  // JSON members; '#' is replaced by the slot's number
};

inline constexpr std::array<Bidder, 3> kBidders = {{
    {"brightpath", R"("placementId":"bp-glow-#","siteId":48213)"},
    {"cobalt", R"("publisherId":"glow","adUnit":"glow_#","floor":0.45)"},
    {"tandem", R"("zoneId":77#04,"accountId":5520,"inventory":{"section":"beauty"})"},
}};

// The slots an article page fills: id prefix, ad-unit name and sizes.
struct AdSlotKind {
  string_view id;
  string_view unit;
  string_view sizes;  // JSON array of [width,height]
  string_view mapping;
};

inline constexpr std::array<AdSlotKind, 4> kAdSlotKinds = {{
    {"ad-leaderboard", "leaderboard", "[[970,250],[970,90],[728,90],[320,100],[320,50]]",
     R"([{"viewport":[1024,0],"sizes":[[970,250],[970,90],[728,90]]},{"viewport":[768,0],"sizes":[[728,90]]},{"viewport":[0,0],"sizes":[[320,100],[320,50]]}])"},
    {"ad-inline", "incontent", "[[300,250],[336,280],[728,90],[1,1],\"fluid\"]",
     R"([{"viewport":[768,0],"sizes":[[728,90],[336,280],[300,250],"fluid"]},{"viewport":[0,0],"sizes":[[300,250],[336,280],[1,1]]}])"},
    {"ad-sidebar", "rail", "[[300,600],[300,250],[160,600]]",
     R"([{"viewport":[1024,0],"sizes":[[300,600],[300,250],[160,600]]},{"viewport":[0,0],"sizes":[]}])"},
    {"ad-anchor", "anchor", "[[728,90],[320,50]]",
     R"([{"viewport":[768,0],"sizes":[[728,90]]},{"viewport":[0,0],"sizes":[[320,50]]}])"},
}};

inline constexpr string_view kAdSettingsJs =
    R"JS(glowAds.settings={"timeoutMs":1200,"lazyLoad":{"fetchMarginPercent":220,"renderMarginPercent":60,"mobileScaling":1.8},"refresh":{"enabled":true,"seconds":45,"maxRefreshes":4,"onlyInView":true},"priceBuckets":[{"precision":2,"min":0,"max":3,"increment":0.01},{"precision":2,"min":3,"max":8,"increment":0.05},{"precision":2,"min":8,"max":20,"increment":0.5},{"precision":2,"min":20,"max":50,"increment":1}],"currency":{"adServerCurrency":"USD","granularityMultiplier":1},"userSync":{"syncEnabled":true,"syncDelay":3000,"filterSettings":{"iframe":{"bidders":"*","filter":"include"},"image":{"bidders":"*","filter":"include"}}},"consentManagement":{"gdpr":{"cmpApi":"iab","timeout":8000,"defaultGdprScope":false},"usp":{"cmpApi":"iab","timeout":100}}};
glowAds.queue=glowAds.queue||[];glowAds.queue.push(function(){glowAds.defineAll(glowAds.config.slots);glowAds.enableLazyLoad(glowAds.settings.lazyLoad);glowAds.start();});
)JS";

// Loaded at the end of <body>: the theme's own small scripts.
inline constexpr string_view kLazyLoadJs =
    R"JS((function(){"use strict";var selector="img[data-src],iframe[data-src],[data-bg]";
function reveal(el){if(el.dataset.src){el.src=el.dataset.src;delete el.dataset.src;}if(el.dataset.srcset){el.srcset=el.dataset.srcset;delete el.dataset.srcset;}if(el.dataset.bg){el.style.backgroundImage="url("+el.dataset.bg+")";delete el.dataset.bg;}el.classList.add("is-revealed");}
var pending=[].slice.call(document.querySelectorAll(selector));
if(!("IntersectionObserver" in window)){pending.forEach(reveal);return;}
var watcher=new IntersectionObserver(function(entries){entries.forEach(function(entry){if(entry.isIntersecting||entry.intersectionRatio>0){watcher.unobserve(entry.target);reveal(entry.target);}});},{rootMargin:"320px 0px",threshold:0.01});
pending.forEach(function(el){watcher.observe(el);});
document.addEventListener("glow:content-added",function(event){[].slice.call(event.target.querySelectorAll(selector)).forEach(function(el){watcher.observe(el);});});})();
)JS";

inline constexpr string_view kAnalyticsJs =
    R"JS((function(w,d){var measurementId="G-SG7X2K4Q9";var started=false;
function start(){if(started)return;started=true;var s=d.createElement("script");s.async=true;s.src="https://tags.metrics-hub.example/gtag/js?id="+measurementId;d.head.appendChild(s);gtag("js",new Date());gtag("config",measurementId,{send_page_view:true,content_group:w.glowPage&&w.glowPage.section,page_type:w.glowPage&&w.glowPage.type,author_slug:w.glowPage&&w.glowPage.authorSlug});}
if(d.readyState==="complete"){setTimeout(start,1200);}else{w.addEventListener("load",function(){setTimeout(start,1200);});}
["scroll","keydown","pointerdown","touchstart"].forEach(function(type){w.addEventListener(type,start,{once:true,passive:true});});
var depths=[25,50,75,100],sent={};w.addEventListener("scroll",function(){var h=d.documentElement,seen=(h.scrollTop+w.innerHeight)/h.scrollHeight*100;depths.forEach(function(p){if(seen>=p&&!sent[p]){sent[p]=true;gtag("event","scroll_depth",{percent:p});}});},{passive:true});})(window,document);
)JS";

inline constexpr string_view kVitalsJs =
    R"JS((function(){if(!("PerformanceObserver" in window))return;var report=function(name,value){(window.dataLayer=window.dataLayer||[]).push({event:"web_vitals",metric:name,value:Math.round(name==="CLS"?value*1000:value)});};
var lcp=0,cls=0,inp=0;try{new PerformanceObserver(function(list){var entries=list.getEntries();lcp=entries[entries.length-1].startTime;}).observe({type:"largest-contentful-paint",buffered:true});
new PerformanceObserver(function(list){list.getEntries().forEach(function(e){if(!e.hadRecentInput)cls+=e.value;});}).observe({type:"layout-shift",buffered:true});
new PerformanceObserver(function(list){list.getEntries().forEach(function(e){if(e.interactionId&&e.duration>inp)inp=e.duration;});}).observe({type:"event",buffered:true,durationThreshold:40});}catch(e){return;}
addEventListener("visibilitychange",function(){if(document.visibilityState!=="hidden")return;report("LCP",lcp);report("CLS",cls);if(inp)report("INP",inp);},{once:true});})();
)JS";

inline constexpr string_view kInterfaceJs =
    R"JS((function(w,d){var $=function(s,c){return(c||d).querySelector(s);},$$=function(s,c){return[].slice.call((c||d).querySelectorAll(s));};
var toggle=$(".menu-toggle"),nav=$("#site-navigation");if(toggle&&nav){toggle.addEventListener("click",function(){var open=nav.classList.toggle("toggled");toggle.setAttribute("aria-expanded",open?"true":"false");d.body.classList.toggle("menu-open",open);});}
$$(".menu-item-has-children > a").forEach(function(a){a.addEventListener("keydown",function(e){if(e.key!=="ArrowDown")return;var sub=a.parentNode.querySelector(".sub-menu");if(!sub)return;e.preventDefault();a.parentNode.classList.add("focus");var first=sub.querySelector("a");if(first)first.focus();});a.parentNode.addEventListener("focusout",function(e){if(!a.parentNode.contains(e.relatedTarget))a.parentNode.classList.remove("focus");});});
var header=$("#masthead"),lastY=0;w.addEventListener("scroll",function(){var y=w.scrollY;if(header){header.classList.toggle("is-compact",y>120);header.classList.toggle("is-hidden",y>lastY&&y>480);}lastY=y;},{passive:true});
$$(".share-copy").forEach(function(b){b.addEventListener("click",function(){var url=b.getAttribute("data-url");if(navigator.clipboard){navigator.clipboard.writeText(url).then(function(){b.classList.add("is-copied");setTimeout(function(){b.classList.remove("is-copied");},2000);});}});});
var notice=$("#cookie-notice");if(notice){if(d.documentElement.classList.contains("glow-consent-known"))notice.classList.add("is-hidden");
var save=function(all){var choices={ad_storage:all?"granted":"denied",ad_user_data:all?"granted":"denied",ad_personalization:all?"granted":"denied",analytics_storage:all?"granted":"denied"};try{localStorage.setItem("glow_consent",JSON.stringify({v:4,choices:choices,at:Date.now()}));}catch(e){}gtag("consent","update",choices);notice.classList.add("is-hidden");};
$$("[data-consent]",notice).forEach(function(b){b.addEventListener("click",function(){var what=b.getAttribute("data-consent");if(what==="manage"){w.location.href=b.getAttribute("data-href");return;}save(what==="all");});});}
$$("form.newsletter-form").forEach(function(f){f.addEventListener("submit",function(e){var email=f.querySelector("input[type=email]");if(!email||!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.value)){e.preventDefault();f.classList.add("has-error");}});});})(window,document);
)JS";

inline constexpr string_view kSpeculationRules =
    R"JSON({"prefetch":[{"source":"document","where":{"and":[{"href_matches":"/posts/*"},{"not":{"selector_matches":"a[rel~=nofollow]"}},{"not":{"selector_matches":".no-prefetch, .no-prefetch a"}}]},"eagerness":"conservative"}]})JSON";

// External scripts: the theme's and its plugins' files on the CDN, then third parties.
inline constexpr std::array<string_view, 12> kFooterScripts = {
    R"(<script src="https://cdn.synthetic-glow.example/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>)",
    R"(<script src="https://cdn.synthetic-glow.example/wp-includes/js/comment-reply.min.js?ver=6.5.3" id="comment-reply-js" async data-wp-strategy="async"></script>)",
    R"(<script src="https://cdn.synthetic-glow.example/wp-content/themes/glow/assets/js/navigation.min.js?ver=4.2.1" id="glow-navigation-js" defer data-wp-strategy="defer"></script>)",
    R"(<script src="https://cdn.synthetic-glow.example/wp-content/themes/glow/assets/js/theme.min.js?ver=4.2.1" id="glow-theme-js" defer data-wp-strategy="defer"></script>)",
    R"(<script src="https://cdn.synthetic-glow.example/wp-content/plugins/glow-shoppable/assets/shoppable.min.js?ver=2.8.0" id="glow-shoppable-js" defer></script>)",
    R"(<script src="https://cdn.synthetic-glow.example/wp-content/plugins/glow-newsletter/assets/signup.min.js?ver=1.4.2" id="glow-newsletter-js" defer></script>)",
    R"(<script src="https://cdn.synthetic-glow.example/wp-content/plugins/glow-ads/assets/glow-ads.min.js?ver=5.12.0" id="glow-ads-js" async></script>)",
    R"(<script src="https://ads.cobalt-exchange.example/prebid/8.44.0/prebid.min.js" id="glow-prebid-js" async></script>)",
    R"(<script src="https://cdn.synthetic-glow.example/wp-content/plugins/glow-comments/assets/comments.min.js?ver=3.0.7" id="glow-comments-js" defer></script>)",
    R"(<script src="https://widgets.pinboard-share.example/v3/pin.js" id="pin-widget-js" async defer data-pin-hover="true"></script>)",
    R"(<script src="https://tags.metrics-hub.example/loader/sg-4471.js" id="metrics-hub-js" async></script>)",
    R"(<script src="https://static.survey-pulse.example/embed/v2/pulse.js?site=synthetic-glow" id="survey-pulse-js" async></script>)",
};

// The theme's settings object (wp_localize_script), less its per-page members.
inline constexpr string_view kThemeSettingsJson =
    R"JSON("ajaxUrl":"https://www.synthetic-glow.example/wp-admin/admin-ajax.php","restUrl":"https://www.synthetic-glow.example/wp-json/","homeUrl":"https://www.synthetic-glow.example/","cdnUrl":"https://cdn.synthetic-glow.example/","breakpoints":{"mobile":544,"tablet":782,"desktop":1024,"wide":1240},"stickyHeader":true,"infiniteScroll":{"enabled":false,"container":"#main","trigger":"button"},"lazyImages":true,"shareNetworks":["facebook","x","pinterest","flipboard","email","copy"],"newsletter":{"listId":"glow-weekly","endpoint":"https://news.synthetic-glow.example/api/subscribe","double_opt_in":true},"shop":{"origin":"https://shop.synthetic-glow.example","currency":"USD","cartCountUrl":"https://shop.synthetic-glow.example/cart.js"},"i18n":{"menu":"Menu","close":"Close","search":"Search","searchPlaceholder":"Search Synthetic Glow","expand":"Expand child menu","collapse":"Collapse child menu","copied":"Link copied","copy":"Copy link","share":"Share","loadMore":"Load more stories","loading":"Loading\u2026","noResults":"Nothing matched your search","subscribeThanks":"Thanks! Check your inbox to confirm.","subscribeError":"That email address does not look right.","readMore":"Read more","minRead":"min read","sponsored":"Sponsored","advertisement":"Advertisement","backToTop":"Back to top","cartEmpty":"Your bag is empty","viewBag":"View bag","priceFrom":"From","outOfStock":"Sold out"})JSON";

// ---- Chrome: icons ---------------------------------------------------------------------------

// Line icons on a 24-unit grid, drawn for this theme; the sprite holds each once and buttons
// <use> them.
struct Icon {
  string_view id;
  string_view shapes;
};

inline constexpr std::array<Icon, 16> kIcons = {{
    {"icon-search", R"(<circle cx="10.5" cy="10.5" r="6.5"/><path d="m15.4 15.4 5.1 5.1"/>)"},
    {"icon-bag", R"(<path d="M5.5 8h13l-1 12.5h-11z"/><path d="M9 10.5V6.8a3 3 0 0 1 6 0v3.7"/>)"},
    {"icon-user",
     R"(<circle cx="12" cy="8.2" r="3.7"/><path d="M4.8 20.2c.9-3.6 3.7-5.6 7.2-5.6s6.3 2 7.2 5.6"/>)"},
    {"icon-menu", R"(<path d="M4 6.5h16M4 12h16M4 17.5h16"/>)"},
    {"icon-close", R"(<path d="m6 6 12 12M18 6 6 18"/>)"},
    {"icon-mail",
     R"(<rect x="3.5" y="5.5" width="17" height="13" rx="1.8"/><path d="m4 7 8 6 8-6"/>)"},
    {"icon-link",
     R"(<path d="M10 14a4.2 4.2 0 0 0 6 0l3-3a4.2 4.2 0 0 0-6-6l-1.2 1.2"/><path d="M14 10a4.2 4.2 0 0 0-6 0l-3 3a4.2 4.2 0 0 0 6 6l1.2-1.2"/>)"},
    {"icon-instagram",
     R"(<rect x="3.8" y="3.8" width="16.4" height="16.4" rx="4.6"/><circle cx="12" cy="12" r="3.9"/><circle cx="17.2" cy="6.8" r=".9"/>)"},
    {"icon-tiktok",
     R"(<path d="M13.5 3.5v11.3a3.4 3.4 0 1 1-3.4-3.4"/><path d="M13.5 3.5c.6 2.6 2.5 4.3 5 4.6"/>)"},
    {"icon-pinterest",
     R"(<circle cx="12" cy="12" r="8.5"/><path d="M10.6 8.6c2.9-1.2 5.3.4 4.8 3-.4 2.3-2.6 3.2-3.9 2.1M11.2 11.4 9 20"/>)"},
    {"icon-youtube",
     R"(<rect x="2.8" y="5.8" width="18.4" height="12.4" rx="3.6"/><path d="m10.2 9.3 4.8 2.7-4.8 2.7z"/>)"},
    {"icon-facebook",
     R"(<path d="M14.6 3.8h-1.9a3.7 3.7 0 0 0-3.7 3.7v2.6H6.8v3.4H9v6.7h3.4v-6.7h2.5l.6-3.4h-3.1V7.9c0-.5.4-.8.8-.8h1.4z"/>)"},
    {"icon-threads",
     R"(<path d="M16.3 11.2c-.5-2.7-2.3-3.9-4.4-3.9-2.6 0-4.2 1.9-4.2 4.7 0 2.9 1.7 4.8 4.4 4.8 2.4 0 3.8-1.4 3.8-3.1 0-2-1.9-2.8-4-2.6-1.8.2-2.7 1.1-2.6 2.1"/><path d="M19.5 8.4C18.3 4.9 15.6 3.3 12 3.3c-5 0-8 3.4-8 8.7s3 8.7 8 8.7c3 0 5.2-1 6.6-3.2"/>)"},
    {"icon-x", R"(<path d="M4 4h4.6l11.4 16h-4.6z"/><path d="m19.6 4-6.4 7.2M4.4 20l6.4-7.2"/>)"},
    {"icon-flipboard", R"(<path d="M4 4h16v5.3h-5.3v5.4H9.3V20H4z"/>)"},
    {"icon-arrow-up", R"(<path d="M12 19V5M6 11l6-6 6 6"/>)"},
}};

}  // namespace beautyidx::bench::synthetic
