import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/api/api';
import type { ChangePasswordRequest, SessionDto } from '../core/api/models';
import { toProblem, type Problem } from '../core/errors/problem';

/** The signed-in user's own account: password and sessions. */
@Injectable({ providedIn: 'root' })
export class ProfileService {
  private readonly http = inject(HttpClient);

  readonly sessions = signal<SessionDto[]>([]);
  readonly sessionsLoading = signal(false);
  readonly sessionsProblem = signal<Problem | null>(null);

  async loadSessions(): Promise<void> {
    this.sessionsLoading.set(true);
    this.sessionsProblem.set(null);
    try {
      const sessions = await firstValueFrom(this.http.get<SessionDto[]>(`${API}/me/sessions`));
      // The current session first, then the most recently used.
      this.sessions.set(
        [...sessions].sort(
          (a, b) =>
            Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
        ),
      );
    } catch (error) {
      this.sessionsProblem.set(toProblem(error));
    } finally {
      this.sessionsLoading.set(false);
    }
  }

  /** Signs out one of the user's other sessions. Resolves to a problem when it failed. */
  async revokeSession(id: string): Promise<Problem | null> {
    try {
      await firstValueFrom(this.http.delete<void>(`${API}/me/sessions/${encodeURIComponent(id)}`));
      this.sessions.update((list) => list.filter((s) => s.id !== id));
      return null;
    } catch (error) {
      return toProblem(error);
    }
  }

  /** Changes the user's own password. Resolves to a problem when the server said no. */
  async changePassword(request: ChangePasswordRequest): Promise<Problem | null> {
    try {
      await firstValueFrom(this.http.post<void>(`${API}/me/password`, request));
      return null;
    } catch (error) {
      return toProblem(error);
    }
  }
}
