// The part of addons-linter's Node API the build test uses (the package ships no types).
declare module 'addons-linter' {
  interface LinterMessage {
    code: string;
    message: string;
    file?: string;
  }
  interface LinterResult {
    errors: LinterMessage[];
    warnings: LinterMessage[];
    notices: LinterMessage[];
    summary: { errors: number; warnings: number; notices: number };
  }
  const addonsLinter: {
    createInstance(options: {
      config: Record<string, unknown> & { _: string[] };
      runAsBinary: boolean;
    }): { run(): Promise<LinterResult> };
  };
  export default addonsLinter;
}
