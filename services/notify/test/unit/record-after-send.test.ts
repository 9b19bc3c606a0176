import { MockActivityEnvironment } from '@temporalio/testing';
import { deliveryActivities, type DeliveryActivityDeps } from '../../src/activities/delivery-activities';
import { recordAfterSend } from '../../src/activities/record-after-send';
import type { Mailer } from '../../src/email/mailer';

/** A write that fails `times` times (as during a database restart), then succeeds. */
function flaky(times: number) {
  let calls = 0;
  const write = async () => {
    calls += 1;
    if (calls <= times) throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
  };
  return { write, calls: () => calls };
}

describe('recordAfterSend', () => {
  it('retries the record of something already sent until it is written', async () => {
    const w = flaky(3);
    await recordAfterSend(w.write, { firstDelayMs: 1 });
    expect(w.calls()).toBe(4);
  });

  it('gives up with the last error once its time is spent', async () => {
    const w = flaky(1_000);
    await expect(recordAfterSend(w.write, { withinMs: 30, firstDelayMs: 5 })).rejects.toThrow('write EPIPE');
    expect(w.calls()).toBeGreaterThan(1);
  });
});

describe('sendEmail when the database fails after the SMTP server accepted the message', () => {
  it('sends the e-mail once and records it sent once the database is back', async () => {
    const sends: string[] = [];
    const mailer: Mailer = {
      send: async (mail) => {
        sends.push(mail.messageId);
        return { messageId: mail.messageId, response: '250 queued' };
      },
    } as Mailer;
    const record = flaky(2);
    const marked: string[] = [];
    const emails = {
      get: async () => ({ _id: 'n1', to: 'a@example.vn', subject: 'Văn bản đến', text: 'Nội dung', status: 'queued' }),
      sent: async (id: string) => {
        await record.write();
        marked.push(id);
      },
      attempted: async () => {
        throw new Error('the attempt was recorded as failed: the send would be retried');
      },
    };
    const deps = { stores: { emails, deliveries: {}, endpoints: { security: { policy: {} } } }, mailer } as unknown as DeliveryActivityDeps;
    await new MockActivityEnvironment().run(deliveryActivities(deps).sendEmail, 'n1');
    expect(sends).toHaveLength(1);
    expect(marked).toEqual(['n1']);
    expect(record.calls()).toBe(3);
  });
});
