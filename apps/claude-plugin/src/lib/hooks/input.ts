/** The fields Claude Code sends every hook on stdin (the documented hook input). */
export interface HookInput {
  session_id?: string;
  transcript_path?: string;
  cwd?: string;
  permission_mode?: string;
  hook_event_name?: string;
  /** SessionStart: startup, resume, clear or compact. */
  source?: string;
  /** PostToolUse / PostToolUseFailure. */
  tool_name?: string;
  tool_input?: Record<string, unknown>;
  tool_response?: unknown;
  tool_use_id?: string;
  /** PostToolUseFailure: the failure message, and whether the user interrupted the tool. */
  error?: string;
  is_interrupt?: boolean;
  /** Stop: true when Claude already continues because of a Stop hook. */
  stop_hook_active?: boolean;
}

/** What a hook prints on stdout (the documented hook output); nothing at all is printed when it has nothing to say. */
export interface HookOutput {
  hookSpecificOutput?: { hookEventName: string; additionalContext?: string };
  systemMessage?: string;
  decision?: 'block';
  reason?: string;
  suppressOutput?: boolean;
}
