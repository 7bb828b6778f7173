import { ErrorHandler, Injectable, Injector, inject } from '@angular/core';
import { Router } from '@angular/router';

/**
 * Unexpected errors: logged to the console for developers, and the person gets the calm
 * error page — never a stack trace or any detail of what went wrong.
 */
@Injectable()
export class GlobalErrorHandler implements ErrorHandler {
  private readonly injector = inject(Injector);
  private handling = false;

  handleError(error: unknown): void {
    console.error(error);
    if (this.handling) return;
    this.handling = true;
    const router = this.injector.get(Router);
    router
      .navigateByUrl('/fel', { skipLocationChange: true })
      .catch(() => undefined)
      .finally(() => {
        this.handling = false;
      });
  }
}
