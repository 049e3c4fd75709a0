Console.WriteLine("ActorHosting is being moved to Akka.Hosting.");
