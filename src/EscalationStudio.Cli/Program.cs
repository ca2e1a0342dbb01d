Console.WriteLine("escalation: no commands yet");
return 0;
