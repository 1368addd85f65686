using SecureCall.ModelConverter;

return ConverterCommand.Run(args, Console.Out, Console.Error);
