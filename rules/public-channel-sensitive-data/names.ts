/**
 * Which property and variable names hold sensitive data. The first layer is CodeQL's
 * `SensitiveDataHeuristics.qll` (secret, password, certificate and private classes, with its
 * non-sensitive exclusions), ported verbatim. Its account-info class (`userId`, `username`) is left
 * out, as CodeQL's own clear-text queries leave it out: ids are what apps should broadcast. The
 * second layer adds the personal data CodeQL finds too noisy for general code but which does not
 * belong on a channel anyone can read: e-mail, phone, postal address, tokens, IP addresses.
 */

export type SensitiveKind =
  | 'password'
  | 'secret or credential'
  | 'access token'
  | 'certificate'
  | 'e-mail address'
  | 'phone number'
  | 'postal address'
  | 'date of birth'
  | 'payment data'
  | 'IP address'
  | 'government ID'
  | 'location'
  | 'health data'
  | 'signed URL'
  | 'personal data';

const MAYBE_SECRET = /(?<!is|is_)secret|(?<!un|un_|is|is_)trusted/is;
const MAYBE_PASSWORD = [/pass(wd|word|code|.?phrase)(?!.*question)/is, /(auth(entication|ori[sz]ation)?).?key/is];
const MAYBE_CERTIFICATE = /(cert)(?!.*(format|name|ification))/is;
const MAYBE_PRIVATE = new RegExp(
  '(' +
    'social.?security|employer.?identification|national.?insurance|resident.?id|passport.?(num|no)|([_-]|\\b)ssn([_-]|\\b)|post.?code|zip.?code|home.?addr|(mob(ile)?|home).?(num|no|tel|phone)|(tel|fax|phone).?(num|no)|telephone|emergency.?contact|latitude|longitude|nationality|(credit|debit|bank|visa).?(card|num|no|acc(ou)?nt)|acc(ou)?nt.?(no|num|credit)|salary|billing|credit.?(rating|score)|([_-]|\\b)ccn([_-]|\\b)|birth.?da(te|y)|da(te|y).?(of.?)?birth|medical|(health|care).?plan|healthkit|appointment|prescription|blood.?(type|alcohol|glucose|pressure)|heart.?(rate|rhythm)|body.?(mass|fat)|menstrua|pregnan|insulin|inhaler|employ(er|ee)|spouse|maiden.?name' +
    ')',
  'is',
);
const NOT_SENSITIVE = /([^\w$.-]|redact|censor|obfuscate|hash|md5|sha|random|((?<!un)(en))?(crypt|(?<!pass)code)|certain|concert|secretar|accountant|accountab)/is;

function codeqlKind(name: string): SensitiveKind | undefined {
  if (NOT_SENSITIVE.test(name)) return undefined;
  if (MAYBE_PASSWORD.some((re) => re.test(name))) return 'password';
  if (MAYBE_SECRET.test(name)) return 'secret or credential';
  if (MAYBE_CERTIFICATE.test(name)) return 'certificate';
  const m = MAYBE_PRIVATE.exec(name);
  if (!m) return undefined;
  const hit = m[0].toLowerCase();
  if (/latitude|longitude/.test(hit)) return 'location';
  if (/birth/.test(hit)) return 'date of birth';
  if (/post.?code|zip.?code|home.?addr/.test(hit)) return 'postal address';
  if (/tel|phone|mob/.test(hit)) return 'phone number';
  if (/card|acc|ccn|billing|credit/.test(hit)) return 'payment data';
  if (/ssn|passport|social|national|resident|employer.?ident/.test(hit)) return 'government ID';
  return 'personal data';
}

/** `clientIPAddress` → client, ip, address. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Flags and counters named after sensitive things (`hasPassword`, `emailCount`, `isTokenExpired`) are not the data. */
const FLAG_PREFIX = new Set(['is', 'has', 'have', 'can', 'should', 'must', 'need', 'needs', 'show', 'hide', 'allow', 'enable', 'disable', 'require', 'requires', 'use', 'did', 'was', 'will', 'include', 'with', 'without', 'no', 'num', 'count', 'total', 'max', 'min']);
const NON_DATA_SUFFIX = new Set([
  'count', 'counts', 'total', 'length', 'size', 'verified', 'confirmed', 'enabled', 'disabled', 'required', 'set', 'exists', 'present',
  'changed', 'updated', 'created', 'at', 'on', 'expired', 'expires', 'expiry', 'in', 'valid', 'visible', 'visibility', 'status', 'state',
  'type', 'types', 'kind', 'policy', 'strength', 'hint', 'label', 'placeholder', 'field', 'fields', 'format', 'pattern', 'regex', 'error',
  'errors', 'sent', 'template', 'subject', 'provider', 'domain', 'preference', 'preferences', 'prefs', 'settings', 'optin', 'optout',
  'notifications', 'mask', 'masked', 'last4', 'hash', 'hashed', 'digest', 'preview', 'redacted', 'encrypted', 'obfuscated', 'suffix', 'prefix',
  'country', 'version', 'flow', 'step', 'attempts', 'retries', 'ttl', 'scope', 'scopes', 'id', 'ids', 'uuid', 'url',
]);
/** Ids that are themselves the sensitive value. */
const SENSITIVE_ID = /(tax|national|resident|passport|session|government|voter|employer|licen[cs]e)_?(id|ids|uuid)$/i;

function isFlagOrCounter(name: string, w: string[]): boolean {
  if (w.length > 1 && FLAG_PREFIX.has(w[0]!)) return true;
  const last = w[w.length - 1]!;
  if (w.length > 1 && NON_DATA_SUFFIX.has(last)) return !((last === 'id' || last === 'ids' || last === 'uuid') && SENSITIVE_ID.test(name));
  return false;
}

const MASKED = /hash|md5|sha\d|redact|censor|mask|obfuscat|encrypt|crypted|digest|random|secretar|last_?4|last_?four|hint/i;

function personalKind(w: string[]): SensitiveKind | undefined {
  const has = (...xs: string[]) => xs.some((x) => w.includes(x));
  const joined = w.join('');
  if (has('ip', 'ipv4', 'ipv6', 'ipaddress', 'ipaddr') || /remoteaddr|forwardedfor|clientip/.test(joined)) return 'IP address';
  if (has('pwd', 'passwd', 'pass')) return 'password';
  if (has('token', 'tokens', 'jwt', 'bearer', 'cookie', 'cookies', 'otp', 'totp') || /apikey|accesskey|privatekey|signingkey|masterkey|sessionid|sessiontoken|sessionkey|authorization/.test(joined)) {
    return 'access token';
  }
  if (has('secret', 'secrets', 'credential', 'credentials', 'creds')) return 'secret or credential';
  if (/e?mail/.test(joined) && has('email', 'emails', 'mail', 'e')) return 'e-mail address';
  if (has('phone', 'phones', 'mobile', 'telephone', 'tel', 'msisdn', 'cellphone', 'phonenumber')) return 'phone number';
  if (has('address', 'addresses', 'street', 'postcode', 'postal', 'zip', 'zipcode', 'addr')) return 'postal address';
  if (has('dob', 'birthday', 'birthdate') || /birth/.test(joined)) return 'date of birth';
  if (has('iban', 'cvv', 'cvc', 'cvv2') || /card(number|num|no)|creditcard|debitcard|payment(details|info|card|data|source|method)|bankaccount|routingnumber|sortcode/.test(joined)) {
    return 'payment data';
  }
  if (has('ssn', 'passport') || /taxid|taxnumber|nationalid|driverslicen|driverlicen|licensenumber/.test(joined)) return 'government ID';
  // Where someone is, as CodeQL's latitude/longitude are: a live position on a public channel tracks a person.
  if (has('coordinates', 'coords', 'geolocation', 'geoposition', 'geopoint', 'gps', 'latlng', 'lnglat', 'latlong')) return 'location';
  // Clinical words CodeQL's list (medical, prescription, blood…) leaves out.
  if (has('diagnosis', 'diagnoses', 'symptom', 'symptoms', 'medication', 'medications', 'dosage', 'allergy', 'allergies')) return 'health data';
  return undefined;
}

/** The kind of sensitive data a name denotes, or undefined. */
export function sensitiveKind(name: string, ignore: ReadonlySet<string> = new Set()): SensitiveKind | undefined {
  if (ignore.has(name)) return undefined;
  const w = words(name);
  if (w.length === 0 || isFlagOrCounter(name, w)) return undefined;
  const codeql = codeqlKind(name);
  if (codeql) return codeql;
  if (MASKED.test(name)) return undefined;
  return personalKind(w);
}

/**
 * Calls that return a signed (pre-authorised) URL: whoever holds the link can fetch the object until
 * it expires, so on a public channel it is a credential, whatever the field is called.
 */
const SIGNED_URL = /^(?:(?:get|generate|create|make|build)_?)?(?:pre_?)?signed_?(?:get_?|put_?)?(?:url|uri|link)s?(?:_?promise)?$|^presign|^createPresignedPost$|^presigned(?:Get|Put)Object$/i;

export function signsUrl(callee: string): boolean {
  return SIGNED_URL.test(callee);
}
