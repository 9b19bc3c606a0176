import cluster, { type Worker } from 'node:cluster';
import { asBuffer } from '../pool/byte-jobs';
import { benchSigner, type BenchOp, type BenchSetup } from './bench-signer';
import { rate } from './measure';

/**
 * The service uses its cores as one process per core (`cluster/process-per-core.ts`), each signing
 * on its own thread; so does this: copies of the benchmark forked with node:cluster, each running
 * the service's signing path on its own, started together and their rates added up.
 */
type Command = { kind: 'setup'; setup: BenchSetup } | { kind: 'run'; op: BenchOp; concurrency: number; seconds: number };
type Reply = { kind: 'ready' } | { kind: 'rate'; value: number };

function next(worker: Worker): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`a benchmark process stopped (exit code ${code})`));
    worker.once('exit', onExit);
    worker.once('message', (reply: Reply) => {
      worker.off('exit', onExit);
      resolve(reply);
    });
  });
}

export interface SigningProcesses {
  /** Signatures per second of all processes together, each with `concurrency` in flight. */
  run(op: BenchOp, concurrency: number, seconds: number): Promise<number>;
  close(): void;
}

export async function startSigningProcesses(count: number, setup: BenchSetup): Promise<SigningProcesses> {
  // Structured cloning carries the sealed key and the PDF as bytes, not as JSON arrays.
  cluster.setupPrimary({ serialization: 'advanced' });
  const workers = Array.from({ length: count }, () => cluster.fork());
  await Promise.all(
    workers.map((worker) => {
      const ready = next(worker);
      worker.send({ kind: 'setup', setup } satisfies Command);
      return ready;
    }),
  );
  return {
    async run(op, concurrency, seconds) {
      const replies = workers.map((worker) => {
        const reply = next(worker);
        worker.send({ kind: 'run', op, concurrency, seconds } satisfies Command);
        return reply;
      });
      const rates = await Promise.all(replies);
      return rates.reduce((sum, reply) => sum + (reply.kind === 'rate' ? reply.value : 0), 0);
    },
    close() {
      for (const worker of workers) worker.kill();
    },
  };
}

const bytes = (b: Uint8Array) => asBuffer(b);

/** In a forked copy: open the key once, warm up, then run what the primary asks for. */
export function serveAsSigningProcess(): void {
  let ops: ReturnType<typeof benchSigner> | undefined;
  process.on('message', (command: Command) => {
    void (async () => {
      if (command.kind === 'setup') {
        const { kek, material, content, pdf } = command.setup;
        const sealed = { iv: bytes(material.sealed.iv), tag: bytes(material.sealed.tag), data: bytes(material.sealed.data) };
        ops = benchSigner({
          kek: bytes(kek),
          material: { serial: material.serial, sealed, certificate: bytes(material.certificate), chain: material.chain.map(bytes) },
          content: bytes(content),
          pdf: bytes(pdf),
        });
        await rate(4, ops.cms, 0.3);
        await rate(4, ops.pades, 0.3);
        process.send!({ kind: 'ready' } satisfies Reply);
      } else if (ops) {
        process.send!({ kind: 'rate', value: await rate(command.concurrency, ops[command.op], command.seconds) } satisfies Reply);
      }
    })().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
}
