import { addressRange } from '../../src/webhooks/address-ranges';
import { parseAllowList } from '../../src/webhooks/allow-list';
import { checkWebhookTarget, type AddressPolicy, type ResolvedAddress } from '../../src/webhooks/webhook-target';

const answers = (...addresses: string[]) => async (): Promise<ResolvedAddress[]> => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const policy = (allow = '', ...resolved: string[]): AddressPolicy => ({ allow: parseAllowList(allow), resolve: answers(...(resolved.length ? resolved : ['93.184.216.34'])) });
const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'allowed',
    (error: { reason?: string; name: string }) => error.reason ?? error.name,
  );

describe('webhook address classifier', () => {
  it.each([
    ['93.184.216.34', 'unicast'],
    ['8.8.8.8', 'unicast'],
    ['2606:4700:4700::1111', 'unicast'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'], // TEST-NET-1
    ['198.51.100.7', 'reserved'], // TEST-NET-2
    ['203.0.113.9', 'reserved'], // TEST-NET-3
    ['198.18.0.1', 'reserved'], // benchmarking (ipaddr.js files it under reserved)
    ['240.0.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'], // IPv6 documentation
    ['2001:2::1', 'benchmarking'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['168.63.129.16', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['::ffff:127.0.0.1', 'loopback'], // IPv4-mapped IPv6 is the IPv4 address it maps
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:93.184.216.34', 'unicast'],
    ['::127.0.0.1', 'ipv4Compatible'], // ::7f00:1, not ::ffff:7f00:1
    ['::8.8.8.8', 'ipv4Compatible'],
    ['fe80::1%eth0', 'linkLocal'],
    ['64:ff9b::7f00:1', 'rfc6052'], // NAT64 of 127.0.0.1
    ['2002:7f00:1::1', '6to4'],
    ['2001::1', 'teredo'],
    ['4000::1', 'notGlobalUnicast'],
    ['0177.0.0.1', 'invalid'], // only URLs normalise such forms; a resolver never returns them
    ['not-an-address', 'invalid'],
  ])('%s is %s', (address, range) => {
    expect(addressRange(address)).toBe(range);
  });
});

describe('webhook URL check, at registration and before each delivery', () => {
  it.each([
    ['http://127.0.0.1/v1/certificates/1/revoke', 'webhook-address-not-allowed'],
    ['http://127.0.0.1:3002/v1/certificates/1/revoke', 'webhook-address-not-allowed'],
    ['http://10.0.0.1/hook', 'webhook-address-not-allowed'],
    ['http://169.254.169.254/latest/meta-data', 'webhook-address-not-allowed'],
    ['http://[::1]/hook', 'webhook-address-not-allowed'],
    ['http://[::]/hook', 'webhook-address-not-allowed'],
    ['http://0.0.0.0:3002/hook', 'webhook-address-not-allowed'],
    ['http://[::ffff:127.0.0.1]/hook', 'webhook-address-not-allowed'],
    ['http://[::ffff:a9fe:a9fe]/latest/meta-data', 'webhook-address-not-allowed'],
    ['http://[fd00:ec2::254]/latest/meta-data', 'webhook-address-not-allowed'],
    ['http://[fe80::1]/hook', 'webhook-address-not-allowed'],
    ['http://2130706433/hook', 'webhook-address-not-allowed'], // decimal 127.0.0.1
    ['http://0177.0.0.1/hook', 'webhook-address-not-allowed'], // octal
    ['http://0x7f.1/hook', 'webhook-address-not-allowed'], // hex, two parts
    ['http://127.1/hook', 'webhook-address-not-allowed'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'webhook-address-not-allowed'],
    ['http://METADATA.google.internal./computeMetadata/v1/', 'webhook-address-not-allowed'],
    ['https://user:pass@erp.example/hook', 'webhook-url-credentials'],
    ['https://token@erp.example/hook', 'webhook-url-credentials'],
    ['ftp://erp.example/hook', 'webhook-url-invalid'],
    ['https://erp.example/hook', 'allowed'],
    ['http://93.184.216.34:8080/hook', 'allowed'],
  ])('%s: %s', async (url, reason) => {
    expect(await reasonOf(checkWebhookTarget(url, policy()))).toBe(reason);
  });

  it('refuses a name when any of its addresses is forbidden, and connects to the checked one', async () => {
    expect(await reasonOf(checkWebhookTarget('https://erp.example/h', policy('', '93.184.216.34', '127.0.0.1')))).toBe('webhook-address-not-allowed');
    expect(await reasonOf(checkWebhookTarget('https://erp.example/h', policy('', '2606:4700::1', '::ffff:192.168.0.1')))).toBe('webhook-address-not-allowed');
    expect(await reasonOf(checkWebhookTarget('https://localhost/h', policy('', '127.0.0.1', '::1')))).toBe('webhook-address-not-allowed');
    const target = await checkWebhookTarget('https://erp.example:8443/h?x=1', policy('', '93.184.216.34', '2606:4700::1'));
    expect(target).toMatchObject({ hostname: 'erp.example', port: 8443, address: { address: '93.184.216.34', family: 4 } });
  });

  it('does not name the addresses an internal host resolves to', async () => {
    const error = await checkWebhookTarget('https://intranet.example/h', policy('', '10.20.30.40')).catch((e: Error) => e);
    expect((error as Error).message).toBe('intranet.example resolves to an address in the private range; webhooks are delivered only to public internet addresses.');
  });

  it('tells an unresolvable host apart from a forbidden one', async () => {
    const failing: AddressPolicy = { allow: [], resolve: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })) };
    expect(await reasonOf(checkWebhookTarget('https://nowhere.example/h', failing))).toBe('WebhookHostUnresolved');
    expect(await reasonOf(checkWebhookTarget('https://nowhere.example/h', { allow: [], resolve: answers() }))).toBe('WebhookHostUnresolved');
  });

  it('lets the allow-list open loopback and private receivers, by name, address, port or block', async () => {
    const check = (url: string, allow: string, ...resolved: string[]) => reasonOf(checkWebhookTarget(url, policy(allow, ...resolved)));
    expect(await check('http://127.0.0.1:4010/h', '127.0.0.1:4010')).toBe('allowed');
    expect(await check('http://127.0.0.1:4011/h', '127.0.0.1:4010')).toBe('webhook-address-not-allowed');
    expect(await check('http://127.0.0.1:4011/h', '127.0.0.1')).toBe('allowed');
    expect(await check('http://localhost:4010/h', 'localhost', '127.0.0.1', '::1')).toBe('allowed');
    expect(await check('http://localhost:4010/h', 'localhost:4011', '127.0.0.1')).toBe('webhook-address-not-allowed');
    expect(await check('http://[::1]:4010/h', '[::1]:4010')).toBe('allowed');
    expect(await check('http://partner.internal/h', '10.20.0.0/16', '10.20.3.4')).toBe('allowed');
    expect(await check('http://partner.internal/h', '10.20.0.0/16', '10.21.3.4')).toBe('webhook-address-not-allowed');
    expect(await check('https://partner.internal/h', 'fd12:3456::/32', 'fd12:3456::9')).toBe('allowed');
    // A name on the list does not make another name that resolves to the same address acceptable.
    expect(await check('http://rebound.example:4010/h', 'localhost', '127.0.0.1')).toBe('webhook-address-not-allowed');
  });

  it('never opens the metadata services or unspecified addresses, whatever the allow-list says', async () => {
    expect(await reasonOf(checkWebhookTarget('http://169.254.169.254/latest/meta-data', policy('169.254.0.0/16')))).toBe('webhook-address-not-allowed');
    expect(await reasonOf(checkWebhookTarget('http://169.254.169.254/latest/meta-data', policy('169.254.169.254')))).toBe('webhook-address-not-allowed');
    expect(await reasonOf(checkWebhookTarget('http://0.0.0.0:4010/h', policy('0.0.0.0/0')))).toBe('webhook-address-not-allowed');
    expect(await reasonOf(checkWebhookTarget('http://metadata.google.internal/', policy('metadata.google.internal')))).toBe('webhook-address-not-allowed');
    expect(await reasonOf(checkWebhookTarget('http://169.254.1.2/h', policy('169.254.0.0/16')))).toBe('allowed');
  });
});

describe('NOTIFY_WEBHOOK_ALLOW_HOSTS', () => {
  it('parses names, addresses, ports and CIDR blocks', () => {
    const list = parseAllowList(' localhost , localhost:4010,127.0.0.1:4010,::1,[::1]:4010,10.0.0.0/8,fd00::/8,hooks.partner.example ');
    expect(list.map((e) => e.kind)).toEqual(['host', 'host', 'address', 'address', 'address', 'cidr', 'cidr', 'host']);
    expect(list[1]).toEqual({ kind: 'host', host: 'localhost', port: 4010 });
    expect(parseAllowList(undefined)).toEqual([]);
    expect(parseAllowList('')).toEqual([]);
  });

  it.each(['localhost:99999', 'localhost:x', '10.0.0.0/33', 'bad host', 'a:b:c', '[::1', '0177.0.0.1/8'])('refuses %s', (entry) => {
    expect(() => parseAllowList(entry)).toThrow();
  });
});
