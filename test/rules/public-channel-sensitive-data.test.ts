import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import rule from '../../rules/public-channel-sensitive-data/index.js';
import { sensitiveKind, signsUrl } from '../../rules/public-channel-sensitive-data/names.js';
import { guessable } from '../../rules/public-channel-sensitive-data/scope.js';
import { markersInDir, matchMarkers } from '../helpers/markers.js';

const FIXTURES = 'rules/public-channel-sensitive-data/fixtures';

describe('public-channel-sensitive-data: calls that sign URLs', () => {
  it.each(['getSignedUrl', 'getSignedUrlPromise', 'generateSignedUrl', 'createSignedUrl', 'createPresignedPost', 'presignedGetObject', 'presign', 'getPresignedUrl', 'signedUrl'])('%s signs a URL', (name) => {
    expect(signsUrl(name)).toBe(true);
  });
  it.each(['getUrl', 'signUp', 'getPublicUrl', 'signedIn', 'resign', 'designUrl'])('%s does not', (name) => {
    expect(signsUrl(name)).toBe(false);
  });
});

describe('public-channel-sensitive-data: sensitive names', () => {
  it.each([
    ['password', 'password'],
    ['newPassphrase', 'password'],
    ['authKey', 'password'],
    ['clientSecret', 'secret or credential'],
    ['sslCert', 'certificate'],
    ['ssn', 'government ID'],
    ['passportNo', 'government ID'],
    ['taxId', 'government ID'],
    ['homeAddress', 'postal address'],
    ['zip_code', 'postal address'],
    ['deliveryAddress', 'postal address'],
    ['mobileNumber', 'phone number'],
    ['phone', 'phone number'],
    ['dateOfBirth', 'date of birth'],
    ['dob', 'date of birth'],
    ['creditCardNumber', 'payment data'],
    ['iban', 'payment data'],
    ['email', 'e-mail address'],
    ['user_email', 'e-mail address'],
    ['accessToken', 'access token'],
    ['refresh_token', 'access token'],
    ['apiKey', 'access token'],
    ['sessionId', 'access token'],
    ['ipAddress', 'IP address'],
    ['clientIP', 'IP address'],
    ['latitude', 'location'],
    ['coordinates', 'location'],
    ['gpsCoords', 'location'],
    ['driverGeolocation', 'location'],
    ['diagnosis', 'health data'],
    ['currentMedications', 'health data'],
    ['allergies', 'health data'],
  ])('%s is %s', (name, kind) => {
    expect(sensitiveKind(name)).toBe(kind);
  });

  it.each([
    // ids and account names are what apps should send (CodeQL's clear-text queries exclude them too)
    'userId', 'username', 'accountId', 'tokenId', 'paymentIntentId',
    // flags and counters named after sensitive things
    'hasPassword', 'isTokenExpired', 'emailVerified', 'emailCount', 'passwordChangedAt', 'tokenExpiresIn',
    // CodeQL's non-sensitive exclusions: hashed, encrypted, random, "code"
    'passwordHash', 'encryptedToken', 'randomSecret', 'postalCodeFormat',
    // masked values and look-alike words
    'cardLast4', 'maskedEmail', 'description', 'recipient', 'tokenizer', 'publicKey', 'shipping', 'lat',
    'diagnosisCount', 'hasAllergies', 'cursorX', 'position', 'coordinatesCount',
  ])('%s is not sensitive', (name) => {
    expect(sensitiveKind(name)).toBeUndefined();
  });

  it('honours ignoreFields', () => {
    expect(sensitiveKind('publicEmail', new Set(['publicEmail']))).toBeUndefined();
  });
});

describe('public-channel-sensitive-data: what a scoped channel is scoped to', () => {
  const ref = (pattern: string, dynamicParts: string[]) => ({ pattern, dynamicParts, type: 'public' as const, name: null, cache: false });
  it('names the entity of the fixed text, unless that text only says the channel carries messages', () => {
    expect(guessable(ref('notifications-${userId}', ['userId']))).toBe("user's notifications");
    expect(guessable(ref('room-${code}', ['code']))).toBe('room');
    expect(guessable(ref('newMessage-${chatId}', ['chatId']))).toBe('chat');
    expect(guessable(ref('messages-${selectedChat?._id}', ['selectedChat?._id']))).toBe('chat');
    expect(guessable(ref('message-${id}', ['id']))).toBe('message');
  });
});

describe('public-channel-sensitive-data: options', () => {
  it('stays silent on channels it cannot resolve by default, and reports them at medium when asked', async () => {
    const quiet = await scan({ root: FIXTURES, rules: [rule] });
    expect(quiet.findings.filter((f) => f.file === 'app/api/relay/route.ts')).toEqual([]);

    const loud = await scan({ root: FIXTURES, rules: [rule], ruleOptions: { [rule.meta.id]: { reportUnknownChannels: true } } });
    const relay = loud.findings.filter((f) => f.file === 'app/api/relay/route.ts');
    expect(relay.map((f) => [f.line, f.messageId, f.severity])).toEqual([[7, 'sensitiveField', 'medium']]);
    expect(relay[0]!.message).toContain('may be public');
  });

  it('drops fields listed in ignoreFields', async () => {
    const result = await scan({ root: FIXTURES, rules: [rule], ruleOptions: { [rule.meta.id]: { ignoreFields: ['cardNumber'] } } });
    expect(result.findings.some((f) => f.file === 'src/routes/api/checkout/+server.ts' && f.line === 12)).toBe(false);
    expect(result.findings.some((f) => f.file === 'src/routes/api/checkout/+server.ts' && f.line === 19)).toBe(true);
  });

  it('names the field, the channel and the fix in every message', async () => {
    const result = await scan({ root: FIXTURES, rules: [rule] });
    const email = result.findings.find((f) => f.file === 'server/app.ts' && f.messageId === 'sensitiveField' && f.message.includes('`email`'))!;
    expect(email.message).toContain('public channel `orders-${order.id}`');
    expect(email.message).toContain('private-encrypted-');
    const whisper = result.findings.find((f) => f.messageId === 'privateUnencrypted' && f.file === 'resources/js/echo.js')!;
    expect(whisper.severity).toBe('info');
    expect(whisper.message).toContain('Client events cannot use encrypted channels');
  });

  it('reports a publish\'s sensitive fields once, at the first, naming the others', async () => {
    const result = await scan({ root: FIXTURES, rules: [rule] });
    const fields = result.findings.filter((f) => f.file === 'server/app.ts' && f.messageId === 'sensitiveField' && f.message.includes('orders-'));
    expect(fields.map((f) => f.line)).toEqual([35]);
    expect(fields[0]!.message).toContain('Payload field `email` (e-mail address), with `deliveryAddress` (postal address), is published on public channel');
    const sale = result.findings.filter((f) => f.file === 'src/routes/api/checkout/+server.ts' && f.messageId === 'sensitiveField');
    expect(sale.map((f) => f.line)).toEqual([12]);
    expect(sale[0]!.message).toContain('`cardNumber` (payment data), with `ip` (IP address),');
  });
});

describe('public-channel-sensitive-data: private channels behind an endpoint that signs anything', () => {
  const DIR = 'test/fixtures/rules/open-signing';
  const findingsOf = async (project: string) => {
    const root = `${DIR}/${project}`;
    const result = await scan({ root, rules: [rule] });
    expect(result.errors).toEqual([]);
    const match = matchMarkers('public-channel-sensitive-data', markersInDir(root), result.findings);
    expect(match.mismatches).toEqual([]);
    return result.findings;
  };

  it('treats them as open, naming the endpoint', async () => {
    const [record, ...rest] = await findingsOf('open');
    expect(rest).toEqual([]);
    expect(record?.severity).toBe('high');
    expect(record?.message).toContain('private channel `private-${message.to}`, which anyone can join because `server/routes/pusher.js:9` signs any channel for whoever asks');
  });

  it('keeps the encryption note when the endpoint checks the user and the channel', async () => {
    const found = await findingsOf('checked');
    expect(found.map((f) => [f.messageId, f.severity])).toEqual([['privateUnencrypted', 'info']]);
  });
});

describe('public-channel-sensitive-data: whole Prisma records weighed by the schema', () => {
  it('is medium for a model with no sensitive or authored column, high once a query includes users', async () => {
    const result = await scan({ root: FIXTURES, rules: [rule], exclude: ['rule-options/'] });
    const at = (line: number) => result.findings.filter((f) => f.file === 'app/api/conversations/start/route.ts' && f.line === line);
    const [plain] = at(14);
    expect(plain?.severity).toBe('medium');
    expect(plain?.message).toContain("the schema's `Conversation` has no sensitive or authored column today");
    expect(at(25).map((f) => f.severity)).toEqual(['high']);
    // Message holds what people wrote, User is a person: both stay high wherever they are published whole.
    const records = result.findings.filter((f) => f.messageId === 'wholeRecord' && /`(message|user)\./.test(f.message));
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((f) => f.severity === 'high' || f.message.includes('may be public'))).toBe(true);
  });
});
