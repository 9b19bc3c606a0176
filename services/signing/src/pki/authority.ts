import { createHash, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { Connection } from 'mongoose';
import { isDuplicateKeyError, outboxModel } from '@vanthu/shared';
import type { CmsSigner } from '../cms/signed-data';
import { refusals, SigningRefused } from '../errors';
import { buildCertificate, randomSerial, type CertificateKind, type SubjectName } from './certificate-builder';
import {
  certificateModel,
  keyUseModel,
  subjectKeys,
  fromDb,
  type CertificateDoc,
  type KeyUseDoc,
} from './certificate-records';
import { announceCertificate, announcePendingCertificates } from './certificate-events';
import { KeyRing } from './key-ring';
import { generateRsaKey, openKey, sealKey } from './sealed-key';

export interface KeyUse {
  actor: string;
  purpose: KeyUseDoc['purpose'];
  documentId?: string;
  documentSha256: string;
}

export type { CmsSigner };

export interface IssueRequest {
  kind: CertificateKind;
  subjectKey: string;
  subject: SubjectName;
  orgCode?: string;
  userId?: string;
  issuer?: CertificateDoc;
  notBefore?: Date;
  notAfter?: Date;
}

const DAY = 24 * 3600 * 1000;
const VALIDITY_YEARS: Record<CertificateKind, number> = { 'root-ca': 20, 'issuing-ca': 10, tsa: 10, organisation: 3, person: 2 };

export const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** node:crypto's callback form runs on libuv's thread pool, so concurrent signatures use every core. */
export const signOnPool = (key: KeyObject, data: Buffer) =>
  new Promise<Buffer>((resolve, reject) => sign('sha256', data, key, (error, signature) => (error ? reject(error) : resolve(signature))));

export const caCodeOf = (doc: CertificateDoc) => doc.subjectKey.replace(/^ca:/, '');

/**
 * The certificate authorities and the keys they certify. Certificates and sealed keys live in the
 * service's own database; nothing here hands a private key out, only `CmsSigner`s that use it.
 */
export class Authority {
  private readonly keys = new Map<string, KeyObject>();

  constructor(
    private readonly connection: Connection,
    private readonly kek: Buffer,
    private readonly publicUrl: string,
    readonly now: () => Date = () => new Date(),
    /** Document and timestamp keys; CA keys, used only for certificates and CRLs, stay in `keys`. */
    readonly ring: KeyRing = new KeyRing(kek),
  ) {}

  get certificates() {
    return certificateModel(this.connection);
  }

  get uses() {
    return keyUseModel(this.connection);
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([this.certificates.createIndexes(), this.uses.createIndexes()]);
    await outboxModel(this.connection).init();
  }

  /** Certificates whose events did not reach the outbox (a crash between the two writes). */
  announcePending(): Promise<number> {
    return announcePendingCertificates(this.connection);
  }

  async active(subjectKey: string) {
    return fromDb(await this.certificates.findOne({ activeFor: subjectKey }).lean<CertificateDoc>().exec());
  }

  async bySerial(serial: string) {
    return fromDb(await this.certificates.findOne({ _id: serial.toLowerCase() }).lean<CertificateDoc>().exec());
  }

  async latest(subjectKey: string) {
    return fromDb(await this.certificates.findOne({ subjectKey }).sort({ createdAt: -1 }).lean<CertificateDoc>().exec());
  }

  async list(filter: { orgCode?: string; userId?: string; status?: string; kind?: string }) {
    return (await this.certificates.find(filter).sort({ createdAt: 1 }).lean<CertificateDoc[]>().exec()).map((d) => fromDb(d));
  }

  async trustAnchors(): Promise<Buffer[]> {
    const roots = await this.certificates.find({ kind: 'root-ca', status: { $ne: 'revoked' } }).lean<CertificateDoc[]>().exec();
    return roots.map((r) => fromDb(r).der);
  }

  private privateKey(doc: CertificateDoc): KeyObject {
    let key = this.keys.get(doc._id);
    if (!key) {
      key = openKey(doc.key, this.kek, doc._id);
      this.keys.set(doc._id, key);
    }
    return key;
  }

  async recordUse(doc: CertificateDoc, use: KeyUse, id: string = randomUUID()): Promise<string> {
    await this.uses.create({ _id: id, certificateSerial: doc._id, subjectKey: doc.subjectKey, ...use, at: this.now() });
    return id;
  }

  /** Makes a certificate and sealed key, not yet stored. */
  async mint(request: IssueRequest): Promise<CertificateDoc> {
    const { privateKey, publicKey } = await generateRsaKey();
    const serial = randomSerial();
    const now = this.now();
    const notBefore = request.notBefore ?? new Date(now.getTime() - 5 * 60 * 1000);
    const notAfter = request.notAfter ?? new Date(notBefore.getTime() + VALIDITY_YEARS[request.kind] * 365 * DAY);
    const issuer = request.issuer;
    const der = buildCertificate(
      {
        kind: request.kind,
        subject: request.subject,
        publicKey,
        notBefore,
        notAfter,
        selfKey: privateKey,
        ...(issuer && {
          issuer: {
            certificateDer: Buffer.from(issuer.der),
            privateKey: this.privateKey(issuer),
            crlUrl: `${this.publicUrl}/v1/crl/${encodeURIComponent(caCodeOf(issuer))}.crl`,
          },
        }),
      },
      serial,
    );
    if (issuer) await this.recordUse(issuer, { actor: 'pki', purpose: 'certificate', documentSha256: sha256Hex(der) });
    return {
      _id: serial,
      subjectKey: request.subjectKey,
      activeFor: request.subjectKey,
      kind: request.kind,
      ...(request.orgCode && { orgCode: request.orgCode }),
      ...(request.userId && { userId: request.userId }),
      commonName: request.subject.commonName,
      subject: request.subject,
      ...(issuer && { issuerSerial: issuer._id }),
      der,
      chain: [],
      key: sealKey(privateKey, this.kek, serial),
      notBefore,
      notAfter,
      status: 'active',
      imported: false,
      createdAt: now,
    };
  }

  /** Stores a new active certificate; `undefined` when the subject already has one (the index decided). */
  async insertActive(doc: CertificateDoc): Promise<CertificateDoc | undefined> {
    try {
      await this.certificates.create(doc);
      await announceCertificate(this.connection, doc);
      return doc;
    } catch (error) {
      if (isDuplicateKeyError(error)) return undefined;
      throw error;
    }
  }

  /** The subject's active certificate, issuing one if there is none; safe to race. */
  async ensure(request: IssueRequest): Promise<CertificateDoc> {
    const existing = await this.active(request.subjectKey);
    if (existing) return existing;
    const inserted = await this.insertActive(await this.mint(request));
    const winner = inserted ?? (await this.active(request.subjectKey));
    if (!winner) throw new Error(`no active certificate for ${request.subjectKey} after issuing one`);
    return winner;
  }

  /** Issues when the subject has no active certificate, else refuses: replacing one is a renewal. */
  async issueNew(request: IssueRequest): Promise<CertificateDoc> {
    if (await this.active(request.subjectKey)) throw this.exists(request.subjectKey);
    const inserted = await this.insertActive(await this.mint(request));
    if (!inserted) throw this.exists(request.subjectKey);
    return inserted;
  }

  private exists(subjectKey: string) {
    return new SigningRefused('InvalidInput', 409, 'certificate-exists', `${subjectKey} already has an active certificate; renew it instead.`, 'subject');
  }

  ensureRoot() {
    return this.ensure({ kind: 'root-ca', subjectKey: subjectKeys.root, subject: { commonName: 'Vanthu Root CA', orgName: 'Vanthu PKI' } });
  }

  async ensureTsa() {
    return this.ensure({
      kind: 'tsa',
      subjectKey: subjectKeys.tsa,
      subject: { commonName: 'Vanthu Time-Stamping Authority', orgName: 'Vanthu PKI' },
      issuer: await this.ensureRoot(),
    });
  }

  async issuingCaRequest(org: { code: string; name: string; parent?: string }): Promise<IssueRequest> {
    const issuer = org.parent ? await this.active(subjectKeys.ca(org.parent)) : await this.ensureRoot();
    if (!issuer) throw refusals.invalid('no-parent-ca', `The parent organisation ${org.parent} has no issuing CA yet.`, 'parent', 409);
    return {
      kind: 'issuing-ca',
      subjectKey: subjectKeys.ca(org.code),
      subject: { commonName: `${org.name} CA`, orgName: org.name, orgCode: org.code },
      orgCode: org.code,
      issuer,
    };
  }

  async organisationRequest(org: { code: string; name: string }): Promise<IssueRequest> {
    return {
      kind: 'organisation',
      subjectKey: subjectKeys.org(org.code),
      subject: { commonName: org.name, orgName: org.name, orgCode: org.code },
      orgCode: org.code,
      issuer: await this.issuingCa(org.code),
    };
  }

  async personRequest(person: { userId: string; fullName: string; position: string; orgCode: string; orgName: string }): Promise<IssueRequest> {
    return {
      kind: 'person',
      subjectKey: subjectKeys.person(person.userId),
      subject: { commonName: person.fullName, orgName: person.orgName, orgCode: person.orgCode, title: person.position, userId: person.userId },
      orgCode: person.orgCode,
      userId: person.userId,
      issuer: await this.issuingCa(person.orgCode),
    };
  }

  private async issuingCa(orgCode: string): Promise<CertificateDoc> {
    const ca = await this.active(subjectKeys.ca(orgCode));
    if (!ca) throw refusals.invalid('no-issuing-ca', `Organisation ${orgCode} has no issuing CA; issue one first.`, 'orgCode', 409);
    return ca;
  }

  /** A new key and certificate for the same subject; the old one is superseded, not revoked. */
  async renew(serial: string): Promise<CertificateDoc> {
    const old = await this.bySerial(serial);
    if (!old) throw refusals.invalid('unknown-certificate', `No certificate with serial ${serial}.`, 'serial', 404);
    if (old.status !== 'active' || old.imported) {
      throw refusals.invalid('not-renewable', `Certificate ${serial} is ${old.imported ? 'imported' : old.status}; it cannot be renewed here.`, 'serial', 409);
    }
    const issuer = old.issuerSerial ? await this.active((await this.bySerial(old.issuerSerial))!.subjectKey) : undefined;
    const fresh = await this.mint({
      kind: old.kind,
      subjectKey: old.subjectKey,
      subject: old.subject,
      ...(old.orgCode && { orgCode: old.orgCode }),
      ...(old.userId && { userId: old.userId }),
      ...(issuer && { issuer }),
    });
    await this.certificates.updateOne({ _id: old._id, status: 'active' }, { $set: { status: 'superseded', activeFor: `retired:${old._id}` } });
    const inserted = await this.insertActive(fresh);
    if (!inserted) throw this.exists(old.subjectKey);
    return inserted;
  }

  async revoke(serial: string, reason: string): Promise<CertificateDoc> {
    const doc = await this.bySerial(serial);
    if (!doc) throw refusals.invalid('unknown-certificate', `No certificate with serial ${serial}.`, 'serial', 404);
    if (doc.status === 'revoked') return doc;
    const revokedAt = this.now();
    await this.certificates.updateOne(
      { _id: doc._id },
      { $set: { status: 'revoked', revokedAt, revocationReason: reason, activeFor: `retired:${doc._id}` } },
    );
    this.keys.delete(doc._id);
    this.ring.forget(doc._id);
    const revoked: CertificateDoc = { ...doc, status: 'revoked', revokedAt, revocationReason: reason, activeFor: `retired:${doc._id}` };
    await announceCertificate(this.connection, revoked);
    return revoked;
  }

  /** Issuer chain of a certificate, issuer first, without the root. */
  async chainOf(doc: CertificateDoc): Promise<Buffer[]> {
    if (doc.imported) return doc.chain.map((c) => Buffer.from(c));
    const chain: Buffer[] = [];
    let serial = doc.issuerSerial;
    while (serial) {
      const issuer = await this.bySerial(serial);
      if (!issuer || issuer.kind === 'root-ca') break;
      chain.push(Buffer.from(issuer.der));
      serial = issuer.issuerSerial;
    }
    return chain;
  }

  /**
   * The subject's certificate if it may sign now, else the refusal that says why: never signed
   * with, revoked, or out of its validity period.
   */
  async usable(subjectKey: string, label: string, field: string): Promise<CertificateDoc> {
    const doc = (await this.active(subjectKey)) ?? (await this.latest(subjectKey));
    if (!doc) throw refusals.noCertificate(label, field);
    if (doc.status === 'revoked') throw refusals.revoked(label, field);
    if (doc.status !== 'active') throw refusals.noCertificate(label, field);
    const now = this.now();
    if (now < doc.notBefore || now > doc.notAfter) throw refusals.expired(label, field);
    return doc;
  }

  async signer(doc: CertificateDoc, use: KeyUse): Promise<CmsSigner> {
    const useId = randomUUID();
    const material = async () => ({ serial: doc._id, sealed: doc.key, certificate: Buffer.from(doc.der), chain: await this.chainOf(doc) });
    return this.ring.signer(doc._id, material, { commonName: doc.commonName, useId }, () => this.recordUse(doc, use, useId));
  }

  /** For the CRL: signs with a CA key, recorded like any other use. */
  async signAsCa(ca: CertificateDoc, tbs: Buffer): Promise<Buffer> {
    await this.recordUse(ca, { actor: 'pki', purpose: 'crl', documentSha256: sha256Hex(tbs) });
    return signOnPool(this.privateKey(ca), tbs);
  }

  async revokedBy(ca: CertificateDoc) {
    return (await this.certificates.find({ issuerSerial: ca._id, status: 'revoked' }).lean<CertificateDoc[]>().exec()).map((d) => fromDb(d));
  }

  /** For PKCS#12 import: stores a key that came from elsewhere, sealed like our own. */
  async importKey(doc: Omit<CertificateDoc, 'key'>, privateKey: KeyObject): Promise<CertificateDoc> {
    const full: CertificateDoc = { ...doc, key: sealKey(privateKey, this.kek, doc._id) };
    const inserted = await this.insertActive(full);
    if (!inserted) throw this.exists(doc.subjectKey);
    return inserted;
  }
}
