/**
 * The child side of ../child.ts: announce the URL over IPC, stop (and exit) on `stop`.
 * With BENCH_PROFILE_FILE set, `profile-start` starts V8's CPU profiler (the one behind
 * node --cpu-prof, minus start-up and warm-up) and `stop` writes the profile to that file.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export interface Served {
  url: string;
  close(): Promise<void>;
}

export function serve(start: () => Promise<Served>): void {
  start().then(
    ({ url, close }) => {
      const profileFile = process.env.BENCH_PROFILE_FILE;
      let session: Session | undefined;
      let stopping = false;
      const exit = async () => {
        if (stopping) return;
        stopping = true;
        try {
          if (session && profileFile) {
            const { profile } = await session.post('Profiler.stop');
            writeFileSync(profileFile, JSON.stringify(profile));
          }
          await close();
        } finally {
          process.exit(0);
        }
      };
      const startProfile = async () => {
        if (profileFile && !session) {
          session = new Session();
          session.connect();
          await session.post('Profiler.enable');
          await session.post('Profiler.start');
        }
        process.send?.({ profiling: Boolean(session) });
      };
      process.on('message', (m) => {
        if (m === 'stop') void exit();
        else if (m === 'profile-start') void startProfile();
      });
      process.on('disconnect', () => void exit());
      process.send?.({ ready: url });
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}

/** Resolves with the URL once `server` listens on 127.0.0.1 at a free port. */
export function listenLocal(server: {
  listen(port: number, host: string, cb: () => void): unknown;
  address(): unknown;
}): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address() as { port: number };
      resolve(`http://127.0.0.1:${addr.port}`);
    });
  });
}
