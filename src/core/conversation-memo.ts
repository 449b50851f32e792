import type { ConversationTarget, Workspace } from './connection';
import type { ConversationRepo, WorkspaceRepo } from './store/ports';

/**
 * Remembers where each conversation is (for later notifications) without writing the store on
 * every request: a write happens only when the workspace or the reference changed since this
 * process last saved it. Two auto-committed writes on every `help` were a tenth of the request
 * path's cost.
 */
export class ConversationMemo {
  private readonly saved = new Map<string, string>();

  constructor(
    private readonly workspaces: WorkspaceRepo,
    /** The conversations, where the memo writes (and where notifiers read the references). */
    readonly repo: ConversationRepo,
    private readonly max = 10_000,
  ) {}

  async remember(workspace: Workspace, target: ConversationTarget): Promise<void> {
    const key = `${target.workspaceId}\u0000${target.key}`;
    const value = JSON.stringify([
      workspace.channel,
      workspace.name ?? null,
      target.channel,
      target.reference,
    ]);
    if (this.saved.get(key) === value) return;
    await this.workspaces.upsert(workspace);
    await this.repo.save(target);
    this.saved.delete(key);
    this.saved.set(key, value);
    if (this.saved.size > this.max) {
      const oldest = this.saved.keys().next().value;
      if (oldest !== undefined) this.saved.delete(oldest);
    }
  }
}
