/**
 * Hostile HTML for the importer's tests. Every payload calls `alert`, names a
 * dangerous scheme or an event handler; none of that may survive import.
 */
export const XSS_CORPUS: readonly string[] = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<a href="javascript:alert(1)">js link</a>',
  '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
  '<a href="  javascript:alert(1)">leading spaces</a>',
  '<a href="java&#x09;script:alert(1)">entity tab</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal entities</a>',
  '<a href="&#x6A;avascript&colon;alert(1)">hex entity</a>',
  '<a href="vbscript:msgbox(1)">vbs</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
  '<a href="https://ok.example/" onclick="alert(1)" onmouseover="alert(1)">handler on a good link</a>',
  "<svg onload=alert(1)><circle r=1 /></svg>",
  "<svg><script>alert(1)</script></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  "<style>body { background: url(javascript:alert(1)) }</style>",
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<form action="javascript:alert(1)"><input onfocus=alert(1) autofocus><button formaction="javascript:alert(1)">b</button></form>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<div onclick="alert(1)">div handler</div>',
  "<details open ontoggle=alert(1)>details</details>",
  "<video><source onerror=alert(1)></video>",
  "<body onload=alert(1)>body handler",
  "<template><img src=x onerror=alert(1)></template>",
  "<xmp><img src=x onerror=alert(1)></xmp>",
];

/** Substrings that must appear nowhere in imported JSON or rendered HTML. */
export const FORBIDDEN = [
  /alert\(/i,
  /javascript/i,
  /vbscript/i,
  /data:/i,
  /<script/i,
  /<svg/i,
  /<iframe/i,
  /<style/i,
  /<img/i,
  /\son[a-z]+=/i,
  /style=/i,
  /srcdoc/i,
];
