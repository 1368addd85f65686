using SecureCall.Benchmarks;

// Load generators that print numbers; see the Performance section of README.md.
return args.FirstOrDefault() switch
{
    "login" => await LoginLoadGenerator.RunAsync(LoginLoadOptions.Parse(args.Skip(1).ToArray())),
    "calls" => await CallLoadGenerator.RunAsync(CallLoadOptions.Parse(args.Skip(1).ToArray())),
    "verify" => await VerifyLoadGenerator.RunAsync(VerifyLoadOptions.Parse(args.Skip(1).ToArray())),
    "presence" => await PresenceFloodGenerator.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SecureCall.Benchmarks login [--clients 64] [--rate 1500] [--seconds 20] [--warmup 20] [--url http://127.0.0.1:PORT [--server-pid PID]]");
    Console.Error.WriteLine("       SecureCall.Benchmarks calls [--calls 100] [--seconds 20] [--warmup 5] [--hold 0] [--url URL --token-keys DIR [--callee-url URL]]");
    Console.Error.WriteLine("       SecureCall.Benchmarks presence [--lookups 30000]");
    Console.Error.WriteLine("       SecureCall.Benchmarks verify [--sessions 5] [--seconds 15] [--levels 1,2,4,8] [--attack-sessions 10] [--genuine-sessions 20] [--parts login,sessions,attacks,concurrent]");
    return 2;
}
